package dev.sibyl.registry.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.sibyl.registry.model.ModelTransform;
import dev.sibyl.registry.model.NaiveBayesParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters.Activation;
import dev.sibyl.registry.model.NeuralNetworkParameters.DenseLayer;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import dev.sibyl.registry.model.TreeEnsemble.Combination;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payload format: pinned ids, exact round trips, and refusal of damaged bytes. */
class ModelCodecTest {

  /** Stored payloads carry these numbers; changing one would orphan every stored model. */
  @Test
  void formatIdsArePinned() {
    assertEquals(2, ModelCodec.FORMAT_VERSION);
    assertEquals(1, ModelCodec.OLDEST_READABLE_VERSION);
    assertArrayEquals(new byte[] {'S', 'B', 'Y', 'L'}, ModelCodec.MAGIC);
    assertEquals(1, Algorithm.LINEAR_REGRESSION.id());
    assertEquals(2, Algorithm.LOGISTIC_REGRESSION.id());
    assertEquals(6, Algorithm.DECISION_TREE.id());
    assertEquals(7, Algorithm.RANDOM_FOREST.id());
    assertEquals(8, Algorithm.GRADIENT_BOOSTING.id());
    assertEquals(20, Algorithm.RIDGE.id());
    assertEquals(21, Algorithm.LASSO.id());
    assertEquals(22, Algorithm.ELASTIC_NET.id());
    assertEquals(23, Algorithm.NAIVE_BAYES.id());
    assertEquals(24, Algorithm.KMEANS.id());
    assertEquals(25, Algorithm.LINEAR_SVM.id());
    assertEquals(26, Algorithm.MLP.id());
    assertEquals(12, Algorithm.values().length, "a new algorithm needs a new pinned id here");
    assertEquals(1, Combination.MEAN.id());
    assertEquals(2, Combination.WEIGHTED_PROBABILITIES.id());
    assertEquals(3, Combination.BOOSTED_SUM.id());
    assertEquals(4, Combination.BOOSTED_LOGISTIC.id());
    assertEquals(5, Combination.BOOSTED_SOFTMAX.id());
    assertEquals(5, Combination.values().length, "a new tree rule needs a new pinned id here");
  }

  @Test
  void idsAreDistinct() {
    assertEquals(Algorithm.values().length,
        Arrays.stream(Algorithm.values()).mapToInt(Algorithm::id).distinct().count());
    assertEquals(Combination.values().length,
        Arrays.stream(Combination.values()).mapToInt(Combination::id).distinct().count());
  }

  @Test
  void headerCarriesVersionAndAlgorithm() {
    byte[] payload = ModelCodec.encode(linear());
    assertEquals(0, payload[4]);
    assertEquals(2, payload[5]);
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
  void treeEnsembleRoundTrips() throws ModelFormatException {
    PortableModel model = forest();
    byte[] payload = ModelCodec.encode(model);
    assertEquals(7, payload[7]);
    PortableModel decoded = ModelCodec.decode(payload);
    assertEquals(Algorithm.RANDOM_FOREST, decoded.algorithm());
    assertEquals(model.signature(), decoded.signature());
    assertEquals(model.label(), decoded.label());
    TreeEnsemble expected = (TreeEnsemble) model.body();
    TreeEnsemble body = (TreeEnsemble) decoded.body();
    assertEquals(Combination.WEIGHTED_PROBABILITIES, body.combination());
    assertEquals(2, body.classes());
    assertEquals(0.0, body.bias());
    assertEquals(1.0, body.shrinkage());
    assertArrayEquals(expected.treeWeights(), body.treeWeights());
    assertArrayEquals(expected.roots(), body.roots());
    assertArrayEquals(expected.feature(), body.feature());
    assertArrayEquals(expected.threshold(), body.threshold());
    assertArrayEquals(expected.left(), body.left());
    assertArrayEquals(expected.right(), body.right());
    assertArrayEquals(expected.value(), body.value());
    assertArrayEquals(new double[] {0.5, 0.3, 0.2}, body.importance());
  }

  @Test
  void boostedTreesRoundTrip() throws ModelFormatException {
    TreeEnsemble boosted = new TreeEnsemble(Combination.BOOSTED_SUM, 0, 12.5, 0.1,
        new double[] {1}, new int[] {0}, new int[] {1, -1, -1}, new double[] {3.25, 0, 0},
        new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, -4.5, 7.75});
    PortableModel model = new PortableModel(Algorithm.GRADIENT_BOOSTING, Task.REGRESSION,
        forest().signature(), new LabelInfo("Y", "DOUBLE", List.of()), boosted);
    TreeEnsemble body = (TreeEnsemble) ModelCodec.decode(ModelCodec.encode(model)).body();
    assertEquals(Combination.BOOSTED_SUM, body.combination());
    assertEquals(12.5, body.bias());
    assertEquals(0.1, body.shrinkage());
    assertArrayEquals(new double[] {0, -4.5, 7.75}, body.value());
  }

  /**
   * Children laid out as training lays them (each split's children the next two nodes of its tree,
   * breadth first) are not stored: a node costs its input and one number.
   */
  @Test
  void breadthFirstChildrenAreImplied() throws ModelFormatException {
    byte[] small = ModelCodec.encode(chain(1));
    byte[] large = ModelCodec.encode(chain(3));
    assertEquals(2 * (2 * (4 + 8)), large.length - small.length, "bytes for four more nodes");
    TreeEnsemble decoded = (TreeEnsemble) ModelCodec.decode(large).body();
    TreeEnsemble original = (TreeEnsemble) chain(3).body();
    assertArrayEquals(original.left(), decoded.left());
    assertArrayEquals(original.right(), decoded.right());
    assertArrayEquals(original.threshold(), decoded.threshold());
    assertArrayEquals(original.value(), decoded.value());
  }

  /**
   * A random forest payload as the first tree layout wrote it (every node array in full, the body
   * starting with the combination id): the bytes {@code forest()} encoded to before the compact
   * layout. Registries written then must keep scoring.
   */
  @Test
  void treePayloadOfTheFirstLayoutStillDecodes() throws ModelFormatException {
    byte[] payload = java.util.HexFormat.of().parseHex(""
        + "5342594c00010007f6daba8002e85e9b18ddda253cefe22c990893a1be958bfebce1f311826c8bf500000200"
        + "000e434c415353494649434154494f4e000000020001580006444f55424c45003ff800000000000000000000"
        + "000000003ff0000000000000000000000004504c414e00075641524348415201000000000000000000000000"
        + "000000003ff00000000000000000000200056261736963000370726f0007434855524e45440007424f4f4c45"
        + "414e00000002000566616c7365000474727565020000000200000000000000003ff000000000000000000002"
        + "3fe80000000000003fe0000000000000000000020000000000000005000000080000000000000001ffffffff"
        + "ffffffffffffffff00000000ffffffffffffffff0000000840040000000000003fe000000000000000000000"
        + "00000000000000000000000000000000000000003ff000000000000000000000000000000000000000000000"
        + "000000080000000100000002ffffffffffffffffffffffff00000006ffffffffffffffff0000000800000004"
        + "00000003ffffffffffffffffffffffff00000007ffffffffffffffff00000010000000000000000000000000"
        + "00000000000000000000000000000000000000003feccccccccccccd3fb999999999999a3fc999999999999a"
        + "3fe999999999999a3fe33333333333333fd999999999999a000000000000000000000000000000003fd33333"
        + "333333333fe66666666666663fe199999999999a3fdccccccccccccd");
    PortableModel decoded = ModelCodec.decode(payload);
    assertEquals(Algorithm.RANDOM_FOREST, decoded.algorithm());
    assertEquals(forest().signature(), decoded.signature());
    assertEquals(forest().label(), decoded.label());
    TreeEnsemble expected = (TreeEnsemble) forest().body();
    TreeEnsemble body = (TreeEnsemble) decoded.body();
    assertEquals(Combination.WEIGHTED_PROBABILITIES, body.combination());
    assertEquals(2, body.classes());
    assertArrayEquals(expected.treeWeights(), body.treeWeights());
    assertArrayEquals(expected.roots(), body.roots());
    assertArrayEquals(expected.feature(), body.feature());
    assertArrayEquals(expected.threshold(), body.threshold());
    assertArrayEquals(expected.left(), body.left());
    assertArrayEquals(expected.right(), body.right());
    assertArrayEquals(expected.value(), body.value());
    assertTrue(ModelCodec.encode(forest()).length < payload.length, "the compact form is smaller");
  }

  /**
   * A random forest payload of the compact layout before importances were stored (marker 0x80):
   * the bytes {@code forest()} without importances encoded to then. It decodes with importances
   * unknown.
   */
  @Test
  void compactTreePayloadWithoutImportancesStillDecodes() throws ModelFormatException {
    byte[] payload = java.util.HexFormat.of().parseHex(""
        + "5342594c00020007ec43d25fb2985112d5cf72be6ef8435ba3e96cba6d2d6ea5e399379827e874ae000001aa"
        + "000e434c415353494649434154494f4e000000020001580006444f55424c45003ff800000000000000000000"
        + "000000003ff0000000000000000000000004504c414e00075641524348415201000000000000000000000000"
        + "000000003ff00000000000000000000200056261736963000370726f0007434855524e45440007424f4f4c45"
        + "414e00000002000566616c736500047472756580020000000200000000000000003ff0000000000000000000"
        + "023fe80000000000003fe0000000000000000000020000000000000005000000080000000000000001ffffff"
        + "ffffffffffffffffff00000000ffffffffffffffff40040000000000003fe00000000000003feccccccccccc"
        + "cd3fb999999999999a3fc999999999999a3fe999999999999a3fe33333333333333fd999999999999a3ff000"
        + "00000000003fd33333333333333fe66666666666663fe199999999999a3fdccccccccccccd00000000080000"
        + "000100000002ffffffffffffffffffffffff00000006ffffffffffffffff000000080000000400000003ffff"
        + "ffffffffffffffffffff00000007ffffffffffffffff0000000000000000");
    TreeEnsemble body = (TreeEnsemble) ModelCodec.decode(payload).body();
    TreeEnsemble expected = (TreeEnsemble) forest().body();
    assertArrayEquals(expected.feature(), body.feature());
    assertArrayEquals(expected.threshold(), body.threshold());
    assertArrayEquals(expected.left(), body.left());
    assertArrayEquals(expected.value(), body.value());
    assertFalse(body.hasImportance());
    assertTrue(((TreeEnsemble) ModelCodec.decode(ModelCodec.encode(forest())).body())
        .hasImportance());
  }

  @Test
  void treeWhoseChildPointsBackIsRefused() {
    byte[] payload = ModelCodec.encode(forest());
    // The first tree's root is node 0 and its left child node 1: find that int and point it at 0.
    byte[] body = Arrays.copyOfRange(payload, 44, payload.length);
    int left = indexOfInts(body, new int[] {1, 2, -1, -1, -1, 6, -1, -1});
    body[left + 3] = 0;
    byte[] forged = withBody(payload, body);
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> ModelCodec.decode(forged));
    assertTrue(e.getMessage().contains("split 0 is not valid in tree 0"), e.getMessage());
  }

  @Test
  void malformedTreesAreRefusedWhenBuilt() {
    // a leaf with a child
    assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(Combination.MEAN, 0, 0, 1,
        new double[] {1}, new int[] {0}, new int[] {-1}, new double[] {0}, new int[] {0},
        new int[] {-1}, new double[] {1}));
    // a child outside its tree
    assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(Combination.MEAN, 0, 0, 1,
        new double[] {1, 1}, new int[] {0, 1}, new int[] {0, -1}, new double[] {0.5, 0},
        new int[] {1, -1}, new int[] {1, -1}, new double[] {0, 1}));
    // boosting rule without a valid shrinkage
    assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(Combination.BOOSTED_SUM,
        0, 0, 0, new double[] {1}, new int[] {0}, new int[] {-1}, new double[] {0},
        new int[] {-1}, new int[] {-1}, new double[] {1}));
    // softmax needs one group of trees per class
    assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(
        Combination.BOOSTED_SOFTMAX, 3, 0, 0.1, new double[] {1, 1}, new int[] {0, 1},
        new int[] {-1, -1}, new double[] {0, 0}, new int[] {-1, -1}, new int[] {-1, -1},
        new double[] {1, 2}));
    // probabilities need one value per class and node
    assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(
        Combination.WEIGHTED_PROBABILITIES, 2, 0, 1, new double[] {1}, new int[] {0},
        new int[] {-1}, new double[] {0}, new int[] {-1}, new int[] {-1}, new double[] {1}));
    // a leaf with a threshold, a split with a value: not the one stored form
    assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(Combination.MEAN, 0, 0, 1,
        new double[] {1}, new int[] {0}, new int[] {-1}, new double[] {0.5}, new int[] {-1},
        new int[] {-1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(Combination.MEAN, 0, 0, 1,
        new double[] {1}, new int[] {0}, new int[] {0, -1, -1}, new double[] {1, 0, 0},
        new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {7, 1, 2}));
  }

  @Test
  void importancesThatAreNotSharesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> stump(new double[] {0.5, 0.25}));
    assertThrows(IllegalArgumentException.class, () -> stump(new double[] {1.5, -0.5}));
    assertThrows(IllegalArgumentException.class, () -> stump(new double[] {Double.NaN, 1}));
    // the stump splits on input 1, beyond importances of one input
    assertThrows(IllegalArgumentException.class, () -> stump(new double[] {1}));
    assertArrayEquals(new double[] {0, 0}, stump(new double[] {0, 0}).importance());
  }

  /** A regression stump on input 1 with the given importances. */
  private static TreeEnsemble stump(double[] importance) {
    return new TreeEnsemble(Combination.MEAN, 0, 0, 1, new double[] {1}, new int[] {0},
        new int[] {1, -1, -1}, new double[] {0.5, 0, 0}, new int[] {1, -1, -1},
        new int[] {2, -1, -1}, new double[] {0, 1, 2}, importance);
  }

  /** A regression tree of {@code splits} splits in a chain, breadth first, on input 0. */
  private static PortableModel chain(int splits) {
    int nodes = 2 * splits + 1;
    int[] feature = new int[nodes];
    double[] threshold = new double[nodes];
    int[] left = new int[nodes];
    int[] right = new int[nodes];
    double[] value = new double[nodes];
    java.util.Arrays.fill(feature, -1);
    java.util.Arrays.fill(left, -1);
    java.util.Arrays.fill(right, -1);
    // split j is node 2j (the right child of split j - 1); its children are 2j + 1 and 2j + 2
    for (int j = 0; j < splits; j++) {
      feature[2 * j] = 0;
      threshold[2 * j] = j + 0.5;
      left[2 * j] = 2 * j + 1;
      right[2 * j] = 2 * j + 2;
      value[2 * j + 1] = j;
    }
    value[nodes - 1] = splits;
    return new PortableModel(Algorithm.DECISION_TREE, Task.REGRESSION,
        new FeatureSignature(List.of(Feature.numeric("X", "DOUBLE", 0, 0, 1))),
        new LabelInfo("Y", "DOUBLE", List.of()),
        new TreeEnsemble(Combination.MEAN, 0, 0, 1, new double[] {1}, new int[] {0}, feature,
            threshold, left, right, value));
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
  void transformRoundTrips() throws ModelFormatException {
    ModelTransform transform = new ModelTransform(
        List.of(new ModelTransform.Input("AREA", "DOUBLE"),
            new ModelTransform.Input("CITY", "VARCHAR")),
        List.of(new ModelTransform.DerivedFeature("AGE", "(\"AREA\" - 8.5E1) / 2.5E0"),
            new ModelTransform.DerivedFeature("PLAN", "'x'".repeat(30_000))));
    PortableModel model = linear().withTransform(transform);
    PortableModel decoded = ModelCodec.decode(ModelCodec.encode(model));
    assertEquals(transform, decoded.transform());
    assertEquals(model.signature(), decoded.signature());
    assertFalse(ModelCodec.decode(ModelCodec.encode(linear())).transform().isPresent());
  }

  @Test
  void transformOfTheWrongWidthIsRefusedWhenBuilt() {
    ModelTransform oneFeature = new ModelTransform(
        List.of(new ModelTransform.Input("AREA", "DOUBLE")),
        List.of(new ModelTransform.DerivedFeature("AGE", "\"AREA\"")));
    assertThrows(IllegalArgumentException.class, () -> linear().withTransform(oneFeature));
  }

  /** A payload written before transforms existed (format 1: no transform section) still loads. */
  @Test
  void formatOnePayloadStillDecodes() throws ModelFormatException {
    byte[] current = ModelCodec.encode(linear());
    byte[] body = Arrays.copyOfRange(current, 44, current.length - 8);
    byte[] formatOne = withBody(current, body);
    formatOne[5] = 1;
    PortableModel decoded = ModelCodec.decode(formatOne);
    assertEquals(linear().signature(), decoded.signature());
    assertFalse(decoded.transform().isPresent());
    formatOne[5] = 2;
    assertThrows(ModelFormatException.class, () -> ModelCodec.decode(formatOne),
        "a format 2 payload without its transform section is truncated");
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

  /**
   * Two trees over X (input 0) and the one-hot PLAN inputs 1 and 2, with class probabilities: tree
   * 0 splits X at 2.5 then PLAN = 'basic' at 0.5; tree 1 is a single split on X.
   */
  private static PortableModel forest() {
    TreeEnsemble trees = new TreeEnsemble(Combination.WEIGHTED_PROBABILITIES, 2, 0, 1,
        new double[] {0.75, 0.5},
        new int[] {0, 5},
        new int[] {0, 1, -1, -1, -1, 0, -1, -1},
        new double[] {2.5, 0.5, 0, 0, 0, 1.0, 0, 0},
        new int[] {1, 2, -1, -1, -1, 6, -1, -1},
        new int[] {4, 3, -1, -1, -1, 7, -1, -1},
        new double[] {0, 0, 0, 0, 0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0, 0, 0.3, 0.7, 0.55, 0.45},
        new double[] {0.5, 0.3, 0.2});
    return new PortableModel(
        Algorithm.RANDOM_FOREST,
        Task.CLASSIFICATION,
        new FeatureSignature(
            List.of(
                Feature.numeric("X", "DOUBLE", 1.5, 0, 1),
                Feature.categorical("PLAN", "VARCHAR", List.of("basic", "pro")))),
        new LabelInfo("CHURNED", "BOOLEAN", List.of("false", "true")),
        trees);
  }

  /** The payload's header (with a checksum recomputed) around another body. */
  static byte[] withBody(byte[] payload, byte[] body) {
    try {
      java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(44 + body.length);
      out.put(payload, 0, 8);
      out.put(java.security.MessageDigest.getInstance("SHA-256").digest(body));
      out.putInt(body.length);
      out.put(body);
      return out.array();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static int indexOfInts(byte[] bytes, int[] ints) {
    java.nio.ByteBuffer wanted = java.nio.ByteBuffer.allocate(ints.length * 4);
    for (int v : ints) {
      wanted.putInt(v);
    }
    byte[] pattern = wanted.array();
    for (int i = 0; i + pattern.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    throw new AssertionError("pattern not found");
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
