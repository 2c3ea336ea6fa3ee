package dev.sibyl.registry.format;

import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.CentroidParameters;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.GroupedModels;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LinearSvmParameters;
import dev.sibyl.registry.model.LogisticParameters;
import dev.sibyl.registry.model.ModelBody;
import dev.sibyl.registry.model.ModelTransform;
import dev.sibyl.registry.model.NaiveBayesParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes and reads the portable model payload: a fixed header, then a body of plain numbers and
 * strings. No Java serialization is involved, so reading a payload can never run foreign code.
 *
 * <pre>
 *   magic "SBYL" (4 bytes) | format version (u16) | algorithm id (u16)
 *   | SHA-256 of the body (32 bytes) | body length (i32) | body
 * </pre>
 *
 * The body holds the task, the feature signature with its encoders, the label and the fitted
 * parameters: weights for the linear models; for tree models a layout marker, the combination
 * rule's id, the class count, bias, shrinkage, tree weights and roots, each node's input, then per
 * node one threshold (a split) or its leaf values (a leaf), then the children: nothing when every
 * split's children are the next two nodes of its tree in breadth-first order (as training lays them
 * out), else the left and right arrays, then the feature importances (see {@link TreeEnsemble}).
 * Tree bodies written before the importances (marker {@code 0x80}) and before the marker existed
 * (they start with the combination id and hold every node array in full) are still read, their
 * importances unknown. A payload whose checksum does not match its body is refused.
 *
 * <p>A grouped model ({@link GroupedModels}) sets the top bit of the algorithm field ({@link
 * #GROUPED}; the low bits keep the parts' algorithm id). Its body holds the task, the grouped
 * signature (the group column first, its categories the group keys), the label, the transform,
 * then the grouping section: the part count, each part's signature, label and parameters, and a
 * flag followed, when set, by the fallback's signature, label and parameters. A reader without
 * this section refuses such a payload as an unknown algorithm instead of scoring it wrongly.
 */
public final class ModelCodec {
  /** The four bytes every payload starts with. */
  public static final byte[] MAGIC = {'S', 'B', 'Y', 'L'};
  /**
   * The payload format this code writes; readers accept exactly the versions they know. Version 2
   * added the transform section after the parameters; version 1 payloads have none.
   */
  public static final int FORMAT_VERSION = 2;
  /** The oldest payload format this code still reads. */
  public static final int OLDEST_READABLE_VERSION = 1;

  /** Set in the algorithm field of a grouped model's payload; added within format version 2. */
  public static final int GROUPED = 0x8000;

  private static final int HEADER_LENGTH = 4 + 2 + 2 + 32 + 4;
  private static final int MAX_ARRAY = 50_000_000;
  /**
   * First byte of a compact tree body. The first tree bodies began with the combination id (1-5)
   * and stored every node array in full; ids stay below this marker, so both layouts read under
   * format version 1 and payloads stored before the compact layout keep working.
   */
  private static final int COMPACT_TREES = 0x80;
  /**
   * First byte of a compact tree body that ends with the feature importances, the layout this code
   * writes; the compact bodies before it ({@link #COMPACT_TREES}) read with importances unknown.
   */
  private static final int COMPACT_TREES_WITH_IMPORTANCE = 0x81;

  private ModelCodec() {}

  /** Encodes a model into payload bytes. */
  public static byte[] encode(PortableModel model) {
    byte[] body = encodeBody(model);
    ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + body.length);
    out.put(MAGIC);
    out.putShort((short) FORMAT_VERSION);
    int grouped = model.groups().isPresent() ? GROUPED : 0;
    out.putShort((short) (model.algorithm().id() | grouped));
    out.put(sha256(body));
    out.putInt(body.length);
    out.put(body);
    return out.array();
  }

  /** The hex SHA-256 of a payload's body, as stored in the registry's checksum column. */
  public static String checksumOf(byte[] payload) throws ModelFormatException {
    return HexFormat.of().formatHex(sha256(bodyOf(payload)));
  }

  /** Decodes payload bytes, verifying the header and the body checksum. */
  public static PortableModel decode(byte[] payload) throws ModelFormatException {
    byte[] body = bodyOf(payload);
    ByteBuffer header = ByteBuffer.wrap(payload, 0, HEADER_LENGTH);
    header.position(6);
    int algorithmField = header.getShort() & 0xffff;
    int algorithmId = algorithmField & ~GROUPED;
    byte[] expected = new byte[32];
    header.get(expected);
    if (!MessageDigest.isEqual(expected, sha256(body))) {
      throw new ModelFormatException("checksum mismatch: the payload is corrupted");
    }
    Algorithm algorithm =
        Algorithm.fromId(algorithmId)
            .orElseThrow(() -> new ModelFormatException("unknown algorithm id " + algorithmId));
    int version = ByteBuffer.wrap(payload, 4, 2).getShort() & 0xffff;
    boolean grouped = (algorithmField & GROUPED) != 0;
    if (grouped && version < 2) {
      throw new ModelFormatException("a grouped model in a format " + version + " payload");
    }
    try {
      return grouped ? decodeGroupedBody(algorithm, body) : decodeBody(algorithm, version, body);
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException("malformed model body: " + e.getMessage(), e);
    }
  }

  private static byte[] bodyOf(byte[] payload) throws ModelFormatException {
    if (payload == null || payload.length < HEADER_LENGTH) {
      throw new ModelFormatException("payload too short to be a Sibyl model");
    }
    if (!Arrays.equals(payload, 0, 4, MAGIC, 0, 4)) {
      throw new ModelFormatException("payload does not start with the Sibyl magic bytes");
    }
    ByteBuffer header = ByteBuffer.wrap(payload);
    header.position(4);
    int version = header.getShort() & 0xffff;
    if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
      throw new ModelFormatException(
          "payload format version " + version + " is not supported (this build reads "
              + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION + ")");
    }
    header.position(HEADER_LENGTH - 4);
    int length = header.getInt();
    if (length != payload.length - HEADER_LENGTH) {
      throw new ModelFormatException(
          "payload body length " + length + " does not match the stored "
              + (payload.length - HEADER_LENGTH) + " bytes");
    }
    return Arrays.copyOfRange(payload, HEADER_LENGTH, payload.length);
  }

  private static byte[] encodeBody(PortableModel model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes, 1 << 16))) {
      out.writeUTF(model.task().name());
      writeSignature(out, model.signature());
      writeLabel(out, model.label());
      if (model.body() instanceof GroupedModels groups) {
        writeTransform(out, model.transform());
        writeGroups(out, groups);
      } else {
        writeParameters(out, model.body());
        writeTransform(out, model.transform());
      }
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write failed", e);
    }
    return bytes.toByteArray();
  }

  private static PortableModel decodeBody(Algorithm algorithm, int version, byte[] body)
      throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
    Task task = Task.valueOf(in.readUTF());
    FeatureSignature signature = readSignature(in);
    LabelInfo label = readLabel(in);
    ModelBody parameters = readParameters(in, algorithm);
    ModelTransform transform = version >= 2 ? readTransform(in) : ModelTransform.NONE;
    if (in.available() != 0) {
      throw new IOException(in.available() + " trailing bytes");
    }
    return new PortableModel(algorithm, task, signature, label, parameters, transform);
  }

  private static PortableModel decodeGroupedBody(Algorithm algorithm, byte[] body)
      throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
    Task task = Task.valueOf(in.readUTF());
    FeatureSignature signature = readSignature(in);
    LabelInfo label = readLabel(in);
    ModelTransform transform = readTransform(in);
    int count = readCount(in);
    List<PortableModel> parts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      parts.add(readPart(in, algorithm, task));
    }
    PortableModel fallback = in.readBoolean() ? readPart(in, algorithm, task) : null;
    if (in.available() != 0) {
      throw new IOException(in.available() + " trailing bytes");
    }
    List<String> keys = signature.size() == 0 ? List.of() : signature.get(0).categories();
    return new PortableModel(algorithm, task, signature, label,
        new GroupedModels(keys, parts, fallback), transform);
  }

  private static void writeGroups(DataOutputStream out, GroupedModels groups)
      throws IOException {
    out.writeInt(groups.parts().size());
    for (PortableModel part : groups.parts()) {
      writePart(out, part);
    }
    out.writeBoolean(groups.fallback() != null);
    if (groups.fallback() != null) {
      writePart(out, groups.fallback());
    }
  }

  private static void writePart(DataOutputStream out, PortableModel part) throws IOException {
    writeSignature(out, part.signature());
    writeLabel(out, part.label());
    writeParameters(out, part.body());
  }

  private static PortableModel readPart(DataInputStream in, Algorithm algorithm, Task task)
      throws IOException {
    FeatureSignature signature = readSignature(in);
    LabelInfo label = readLabel(in);
    return new PortableModel(algorithm, task, signature, label, readParameters(in, algorithm));
  }

  private static void writeTransform(DataOutputStream out, ModelTransform transform)
      throws IOException {
    out.writeInt(transform.inputs().size());
    for (ModelTransform.Input input : transform.inputs()) {
      out.writeUTF(input.name());
      out.writeUTF(input.sqlType());
    }
    out.writeInt(transform.features().size());
    for (ModelTransform.DerivedFeature feature : transform.features()) {
      out.writeUTF(feature.name());
      writeLongString(out, feature.expression());
    }
  }

  private static ModelTransform readTransform(DataInputStream in) throws IOException {
    int inputCount = readCount(in);
    List<ModelTransform.Input> inputs = new ArrayList<>(inputCount);
    for (int i = 0; i < inputCount; i++) {
      inputs.add(new ModelTransform.Input(in.readUTF(), in.readUTF()));
    }
    int featureCount = readCount(in);
    List<ModelTransform.DerivedFeature> features = new ArrayList<>(featureCount);
    for (int i = 0; i < featureCount; i++) {
      features.add(new ModelTransform.DerivedFeature(in.readUTF(), readLongString(in)));
    }
    return new ModelTransform(inputs, features);
  }

  /** A string of any length (writeUTF stops at 64 KiB), as a byte count and UTF-8 bytes. */
  private static void writeLongString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readLongString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[readCount(in)];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void writeSignature(DataOutputStream out, FeatureSignature signature)
      throws IOException {
    out.writeInt(signature.size());
    for (Feature f : signature.features()) {
      out.writeUTF(f.name());
      out.writeUTF(f.sqlType());
      out.writeByte(f.kind().ordinal());
      out.writeDouble(f.imputeValue());
      out.writeDouble(f.center());
      out.writeDouble(f.scale());
      writeStrings(out, f.categories());
    }
  }

  private static FeatureSignature readSignature(DataInputStream in) throws IOException {
    int count = readCount(in);
    List<Feature> features = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      String sqlType = in.readUTF();
      FeatureKind kind = FeatureKind.values()[in.readByte()];
      double impute = in.readDouble();
      double center = in.readDouble();
      double scale = in.readDouble();
      List<String> categories = readStrings(in);
      features.add(new Feature(name, sqlType, kind, impute, center, scale, categories));
    }
    return new FeatureSignature(features);
  }

  private static void writeLabel(DataOutputStream out, LabelInfo label) throws IOException {
    out.writeUTF(label.name());
    out.writeUTF(label.sqlType());
    writeStrings(out, label.classes());
  }

  private static LabelInfo readLabel(DataInputStream in) throws IOException {
    return new LabelInfo(in.readUTF(), in.readUTF(), readStrings(in));
  }

  private static void writeParameters(DataOutputStream out, ModelBody body) throws IOException {
    if (body instanceof LinearParameters linear) {
      writeDoubles(out, linear.weights());
      out.writeDouble(linear.intercept());
    } else if (body instanceof LogisticParameters logistic) {
      out.writeInt(logistic.rows());
      for (int r = 0; r < logistic.rows(); r++) {
        writeDoubles(out, logistic.weightsOf(r));
      }
      writeDoubles(out, logistic.intercepts());
    } else if (body instanceof TreeEnsemble trees) {
      writeTrees(out, trees);
    } else if (body instanceof NaiveBayesParameters naiveBayes) {
      writeDoubles(out, naiveBayes.priors());
      writeMatrix(out, naiveBayes.means());
      writeMatrix(out, naiveBayes.variances());
      double[][][] categories = naiveBayes.categoryProbabilities();
      for (double[][] perClass : categories) {
        writeMatrix(out, perClass);
      }
    } else if (body instanceof CentroidParameters centroids) {
      writeMatrix(out, centroids.centroids());
    } else if (body instanceof LinearSvmParameters svm) {
      writeDoubles(out, svm.weights());
      out.writeDouble(svm.intercept());
      out.writeDouble(svm.plattAlpha());
      out.writeDouble(svm.plattBeta());
    } else if (body instanceof NeuralNetworkParameters network) {
      out.writeInt(network.layers().size());
      for (NeuralNetworkParameters.DenseLayer layer : network.layers()) {
        out.writeUTF(layer.activation().name());
        writeMatrix(out, layer.weights());
        writeDoubles(out, layer.bias());
      }
      out.writeDouble(network.outputMean());
      out.writeDouble(network.outputScale());
    }
  }

  private static void writeTrees(DataOutputStream out, TreeEnsemble trees) throws IOException {
    out.writeByte(COMPACT_TREES_WITH_IMPORTANCE);
    out.writeByte(trees.combination().id());
    out.writeInt(trees.classes());
    out.writeDouble(trees.bias());
    out.writeDouble(trees.shrinkage());
    writeDoubles(out, trees.treeWeights());
    int[] roots = trees.roots();
    writeInts(out, roots);
    int[] feature = trees.feature();
    writeInts(out, feature);
    double[] threshold = trees.threshold();
    double[] value = trees.value();
    int width = trees.leafWidth();
    for (int n = 0; n < feature.length; n++) {
      if (feature[n] >= 0) {
        out.writeDouble(threshold[n]);
      } else {
        for (int k = 0; k < width; k++) {
          out.writeDouble(value[n * width + k]);
        }
      }
    }
    int[] left = trees.left();
    int[] right = trees.right();
    int[][] paired = pairedChildren(roots, feature);
    boolean implicit = Arrays.equals(left, paired[0]) && Arrays.equals(right, paired[1]);
    out.writeBoolean(implicit);
    if (!implicit) {
      writeInts(out, left);
      writeInts(out, right);
    }
    writeDoubles(out, trees.importance());
  }

  /**
   * The children every split would have if, tree by tree, the j-th split's children were the
   * nodes {@code root + 2j + 1} and {@code root + 2j + 2}: {@code {left, right}}, -1 for leaves.
   */
  private static int[][] pairedChildren(int[] roots, int[] feature) {
    int[] left = new int[feature.length];
    int[] right = new int[feature.length];
    for (int t = 0; t < roots.length; t++) {
      int end = t + 1 < roots.length ? roots[t + 1] : feature.length;
      int split = 0;
      for (int n = roots[t]; n < end; n++) {
        if (feature[n] >= 0) {
          left[n] = roots[t] + 2 * split + 1;
          right[n] = roots[t] + 2 * split + 2;
          split++;
        } else {
          left[n] = -1;
          right[n] = -1;
        }
      }
    }
    return new int[][] {left, right};
  }

  private static ModelBody readParameters(DataInputStream in, Algorithm algorithm)
      throws IOException {
    switch (algorithm) {
      case LINEAR_REGRESSION:
      case RIDGE:
      case LASSO:
      case ELASTIC_NET:
        return new LinearParameters(readDoubles(in), in.readDouble());
      case LOGISTIC_REGRESSION:
        int rows = readCount(in);
        double[][] weights = new double[rows][];
        for (int r = 0; r < rows; r++) {
          weights[r] = readDoubles(in);
        }
        return new LogisticParameters(weights, readDoubles(in));
      case DECISION_TREE:
      case RANDOM_FOREST:
      case GRADIENT_BOOSTING:
        return readTrees(in);
      case NAIVE_BAYES:
        double[] priors = readDoubles(in);
        double[][] means = readMatrix(in);
        double[][] variances = readMatrix(in);
        double[][][] categories = new double[priors.length][][];
        for (int k = 0; k < priors.length; k++) {
          categories[k] = readMatrix(in);
        }
        return new NaiveBayesParameters(priors, means, variances, categories);
      case KMEANS:
        return new CentroidParameters(readMatrix(in));
      case LINEAR_SVM:
        return new LinearSvmParameters(
            readDoubles(in), in.readDouble(), in.readDouble(), in.readDouble());
      case MLP:
        int count = readCount(in);
        List<NeuralNetworkParameters.DenseLayer> layers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          NeuralNetworkParameters.Activation activation =
              NeuralNetworkParameters.Activation.valueOf(in.readUTF());
          layers.add(new NeuralNetworkParameters.DenseLayer(
              readMatrix(in), readDoubles(in), activation));
        }
        return new NeuralNetworkParameters(layers, in.readDouble(), in.readDouble());
      default:
        throw new IOException("no body reader for " + algorithm);
    }
  }

  private static TreeEnsemble readTrees(DataInputStream in) throws IOException {
    int first = in.readUnsignedByte();
    boolean withImportance = first == COMPACT_TREES_WITH_IMPORTANCE;
    boolean compact = withImportance || first == COMPACT_TREES;
    int id = compact ? in.readUnsignedByte() : first;
    TreeEnsemble.Combination combination =
        TreeEnsemble.Combination.fromId(id)
            .orElseThrow(() -> new IOException("unknown tree combination id " + id));
    if (!compact) {
      // the first layout: every node array in full
      return new TreeEnsemble(combination, in.readInt(), in.readDouble(), in.readDouble(),
          readDoubles(in), readInts(in), readInts(in), readDoubles(in), readInts(in), readInts(in),
          readDoubles(in));
    }
    int classes = in.readInt();
    double bias = in.readDouble();
    double shrinkage = in.readDouble();
    double[] weights = readDoubles(in);
    int[] roots = readInts(in);
    int[] feature = readInts(in);
    int width = TreeEnsemble.leafWidth(combination, classes);
    if (width < 1 || (long) feature.length * width > MAX_ARRAY) {
      throw new IOException("implausible leaf width " + width);
    }
    double[] threshold = new double[feature.length];
    double[] value = new double[feature.length * width];
    for (int n = 0; n < feature.length; n++) {
      if (feature[n] >= 0) {
        threshold[n] = in.readDouble();
      } else {
        for (int k = 0; k < width; k++) {
          value[n * width + k] = in.readDouble();
        }
      }
    }
    int[] left;
    int[] right;
    if (in.readBoolean()) {
      if (roots.length == 0 || roots[0] != 0) {
        throw new IOException("trees without a first root");
      }
      int[][] paired = pairedChildren(roots, feature);
      left = paired[0];
      right = paired[1];
    } else {
      left = readInts(in);
      right = readInts(in);
    }
    double[] importance = withImportance ? readDoubles(in) : new double[0];
    return new TreeEnsemble(combination, classes, bias, shrinkage, weights, roots, feature,
        threshold, left, right, value, importance);
  }

  private static void writeMatrix(DataOutputStream out, double[][] rows) throws IOException {
    out.writeInt(rows.length);
    for (double[] row : rows) {
      writeDoubles(out, row);
    }
  }

  private static double[][] readMatrix(DataInputStream in) throws IOException {
    double[][] rows = new double[readCount(in)][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = readDoubles(in);
    }
    return rows;
  }

  private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      out.writeUTF(v);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int count = readCount(in);
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(in.readUTF());
    }
    return values;
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] values = new double[readCount(in)];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }

  private static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    for (int v : values) {
      out.writeInt(v);
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int[] values = new int[readCount(in)];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readInt();
    }
    return values;
  }

  private static int readCount(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > MAX_ARRAY) {
      throw new IOException("implausible element count " + count);
    }
    return count;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
