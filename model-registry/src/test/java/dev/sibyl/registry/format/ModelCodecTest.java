package dev.sibyl.registry.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.CentroidParameters;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LinearSvmParameters;
import dev.sibyl.registry.model.LogisticParameters;
import dev.sibyl.registry.model.NaiveBayesParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters.Activation;
import dev.sibyl.registry.model.NeuralNetworkParameters.DenseLayer;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payload format: pinned ids, exact round trips, and refusal of damaged bytes. */
class ModelCodecTest {

  /** Stored payloads carry these numbers; changing one would orphan every stored model. */
  @Test
  void formatIdsArePinned() {
    assertEquals(1, ModelCodec.FORMAT_VERSION);
    assertArrayEquals(new byte[] {'S', 'B', 'Y', 'L'}, ModelCodec.MAGIC);
    assertEquals(1, Algorithm.LINEAR_REGRESSION.id());
    assertEquals(2, Algorithm.LOGISTIC_REGRESSION.id());
    assertEquals(20, Algorithm.RIDGE.id());
    assertEquals(21, Algorithm.LASSO.id());
    assertEquals(22, Algorithm.ELASTIC_NET.id());
    assertEquals(23, Algorithm.NAIVE_BAYES.id());
    assertEquals(24, Algorithm.KMEANS.id());
    assertEquals(25, Algorithm.LINEAR_SVM.id());
    assertEquals(26, Algorithm.MLP.id());
    assertEquals(9, Algorithm.values().length, "a new algorithm needs a new pinned id here");
  }

  @Test
  void headerCarriesVersionAndAlgorithm() {
    byte[] payload = ModelCodec.encode(linear());
    assertEquals(0, payload[4]);
    assertEquals(1, payload[5]);
    assertEquals(0, payload[6]);
    assertEquals(1, payload[7]);
  }

  @Test
  void linearModelRoundTrips() throws ModelFormatException {
    PortableModel model = linear();
    PortableModel decoded = ModelCodec.decode(ModelCodec.encode(model));
    assertEquals(model.signature(), decoded.signature());
    assertEquals(model.label(), decoded.label());
    assertEquals(model.task(), decoded.task());
    LinearParameters body = (LinearParameters) decoded.body();
    assertArrayEquals(new double[] {1.5, -2.0, 0.25}, body.weights());
    assertEquals(10.0, body.intercept());
  }

  @Test
  void penalizedLinearModelsRoundTripWithTheirAlgorithm() throws ModelFormatException {
    for (Algorithm algorithm : List.of(Algorithm.RIDGE, Algorithm.LASSO, Algorithm.ELASTIC_NET)) {
      PortableModel model = new PortableModel(algorithm, Task.REGRESSION, linear().signature(),
          linear().label(), new LinearParameters(new double[] {0.5, 0, -0.0}, -3.25));
      byte[] payload = ModelCodec.encode(model);
      assertEquals(algorithm.id(), payload[7]);
      PortableModel decoded = ModelCodec.decode(payload);
      assertEquals(algorithm, decoded.algorithm());
      LinearParameters body = (LinearParameters) decoded.body();
      assertArrayEquals(new double[] {0.5, 0, -0.0}, body.weights());
      assertEquals(-3.25, body.intercept());
    }
  }

  @Test
  void logisticModelRoundTrips() throws ModelFormatException {
    PortableModel decoded = ModelCodec.decode(ModelCodec.encode(multiclass()));
    LogisticParameters body = (LogisticParameters) decoded.body();
    assertEquals(3, body.rows());
    assertArrayEquals(new double[] {0.5, -1.0}, body.weightsOf(1));
    assertArrayEquals(new double[] {0.1, 0.2, 0.0}, body.intercepts());
    assertEquals(List.of("a", "b", "c"), decoded.label().classes());
  }

  @Test
  void naiveBayesModelRoundTrips() throws ModelFormatException {
    PortableModel model = new PortableModel(Algorithm.NAIVE_BAYES, Task.CLASSIFICATION,
        linear().signature(), new LabelInfo("K", "VARCHAR", List.of("a", "b")),
        new NaiveBayesParameters(new double[] {0.25, 0.75},
            new double[][] {{-1.5}, {0.5}}, new double[][] {{0.5}, {2.0}},
            new double[][][] {{{0.1, 0.9}}, {{0.6, 0.4}}}));
    PortableModel decoded = ModelCodec.decode(ModelCodec.encode(model));
    assertEquals(Algorithm.NAIVE_BAYES, decoded.algorithm());
    NaiveBayesParameters body = (NaiveBayesParameters) decoded.body();
    assertArrayEquals(new double[] {0.25, 0.75}, body.priors());
    assertArrayEquals(new double[] {0.5}, body.means()[1]);
    assertArrayEquals(new double[] {2.0}, body.variances()[1]);
    assertArrayEquals(new double[] {0.6, 0.4}, body.categoryProbabilities()[1][0]);
    assertArrayEquals(new double[] {0.1, 0.9}, body.categoryProbabilities()[0][0]);
  }

  @Test
  void kmeansModelWithoutLabelRoundTrips() throws ModelFormatException {
    PortableModel model = new PortableModel(Algorithm.KMEANS, Task.CLUSTERING,
        linear().signature(), LabelInfo.none(),
        new CentroidParameters(new double[][] {{0.5, 1, 0}, {-2, 0, 1}}));
    PortableModel decoded = ModelCodec.decode(ModelCodec.encode(model));
    assertEquals(Task.CLUSTERING, decoded.task());
    assertEquals(LabelInfo.none(), decoded.label());
    CentroidParameters body = (CentroidParameters) decoded.body();
    assertEquals(2, body.clusterCount());
    assertArrayEquals(new double[] {-2, 0, 1}, body.centroids()[1]);
  }

  @Test
  void linearSvmModelRoundTrips() throws ModelFormatException {
    PortableModel model = new PortableModel(Algorithm.LINEAR_SVM, Task.CLASSIFICATION,
        linear().signature(), new LabelInfo("OK", "BOOLEAN", List.of("false", "true")),
        new LinearSvmParameters(new double[] {1, -2, 0.5}, 0.25, -3.5, 0.125));
    LinearSvmParameters body =
        (LinearSvmParameters) ModelCodec.decode(ModelCodec.encode(model)).body();
    assertArrayEquals(new double[] {1, -2, 0.5}, body.weights());
    assertEquals(0.25, body.intercept());
    assertEquals(-3.5, body.plattAlpha());
    assertEquals(0.125, body.plattBeta());
  }

  @Test
  void neuralNetworkRoundTripsLayerByLayer() throws ModelFormatException {
    NeuralNetworkParameters network = new NeuralNetworkParameters(List.of(
        new DenseLayer(new double[][] {{1, 2, 3}, {-1, 0, 0.5}}, new double[] {0.1, 0.2},
            Activation.RELU),
        new DenseLayer(new double[][] {{0.5, -0.5}}, new double[] {-1}, Activation.LINEAR)),
        120.5, 33.25);
    PortableModel model = new PortableModel(Algorithm.MLP, Task.REGRESSION,
        linear().signature(), linear().label(), network);
    NeuralNetworkParameters decoded =
        (NeuralNetworkParameters) ModelCodec.decode(ModelCodec.encode(model)).body();
    assertEquals(2, decoded.layers().size());
    assertEquals(Activation.RELU, decoded.layers().get(0).activation());
    assertArrayEquals(new double[] {-1, 0, 0.5}, decoded.layers().get(0).weights()[1]);
    assertArrayEquals(new double[] {0.1, 0.2}, decoded.layers().get(0).bias());
    assertEquals(Activation.LINEAR, decoded.output().activation());
    assertArrayEquals(new double[] {0.5, -0.5}, decoded.output().weights()[0]);
    assertEquals(120.5, decoded.outputMean());
    assertEquals(33.25, decoded.outputScale());
  }

  @Test
  void layersThatDoNotChainAreRefused() {
    DenseLayer first = new DenseLayer(new double[][] {{1, 2}}, new double[] {0}, Activation.TANH);
    DenseLayer second =
        new DenseLayer(new double[][] {{1, 2}}, new double[] {0}, Activation.SIGMOID);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NeuralNetworkParameters(List.of(first, second), 0, 1));
    assertTrue(e.getMessage().contains("layer 1 reads 2 inputs but layer 0 has 1 units"),
        e.getMessage());
  }

  @Test
  void flippedBodyByteIsRefused() {
    byte[] payload = ModelCodec.encode(linear());
    payload[payload.length - 3] ^= 0x10;
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> ModelCodec.decode(payload));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  @Test
  void wrongMagicIsRefused() {
    byte[] payload = ModelCodec.encode(linear());
    payload[0] = 'X';
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> ModelCodec.decode(payload));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void unknownFormatVersionIsRefused() {
    byte[] payload = ModelCodec.encode(linear());
    payload[5] = 9;
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> ModelCodec.decode(payload));
    assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
  }

  @Test
  void truncatedPayloadIsRefused() {
    byte[] payload = ModelCodec.encode(linear());
    byte[] truncated = java.util.Arrays.copyOf(payload, payload.length - 1);
    assertThrows(ModelFormatException.class, () -> ModelCodec.decode(truncated));
    assertThrows(ModelFormatException.class, () -> ModelCodec.decode(new byte[3]));
  }

  @Test
  void checksumIsStableForTheSameModel() throws ModelFormatException {
    assertEquals(
        ModelCodec.checksumOf(ModelCodec.encode(linear())),
        ModelCodec.checksumOf(ModelCodec.encode(linear())));
  }

  private static PortableModel linear() {
    return new PortableModel(
        Algorithm.LINEAR_REGRESSION,
        Task.REGRESSION,
        new FeatureSignature(
            List.of(
                Feature.numeric("AGE", "INTEGER", 40.5, 40.5, 12.25),
                Feature.categorical("PLAN", "VARCHAR", List.of("basic", "pro")))),
        new LabelInfo("SPEND", "DOUBLE", List.of()),
        new LinearParameters(new double[] {1.5, -2.0, 0.25}, 10.0));
  }

  private static PortableModel multiclass() {
    return new PortableModel(
        Algorithm.LOGISTIC_REGRESSION,
        Task.CLASSIFICATION,
        new FeatureSignature(
            List.of(
                Feature.numeric("X", "DOUBLE", 0, 0, 1),
                Feature.numeric("Y", "DOUBLE", 0, 0, 1))),
        new LabelInfo("K", "VARCHAR", List.of("a", "b", "c")),
        new LogisticParameters(
            new double[][] {{1.0, 2.0}, {0.5, -1.0}, {0.0, 0.0}}, new double[] {0.1, 0.2, 0.0}));
  }
}
