package dev.sibyl.registry.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.GroupedModels;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.ModelTransform;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grouping section of the payload: grouped models round trip, damaged ones are refused. */
class GroupedModelCodecTest {

  @Test
  void groupedFlagIsPinned() {
    assertEquals(0x8000, ModelCodec.GROUPED);
  }

  @Test
  void groupedModelRoundTripsWithItsFallback() throws ModelFormatException {
    PortableModel model = grouped(part(2.0, 1.0));
    byte[] payload = ModelCodec.encode(model);
    int field = ByteBuffer.wrap(payload, 6, 2).getShort() & 0xffff;
    assertEquals(ModelCodec.GROUPED | Algorithm.LINEAR_REGRESSION.id(), field);
    PortableModel decoded = ModelCodec.decode(payload);
    assertEquals(Algorithm.LINEAR_REGRESSION, decoded.algorithm());
    assertEquals(model.signature(), decoded.signature());
    assertEquals(model.label(), decoded.label());
    GroupedModels groups = decoded.groups().orElseThrow();
    assertEquals(List.of("NORTH", "SOUTH"), groups.keys());
    assertEquals(2, groups.parts().size());
    LinearParameters south = (LinearParameters) groups.parts().get(1).body();
    assertArrayEquals(new double[] {-3.0}, south.weights());
    assertEquals(50.0, south.intercept());
    assertEquals(model.groups().orElseThrow().parts().get(1).signature(),
        groups.parts().get(1).signature());
    LinearParameters fallback = (LinearParameters) groups.fallback().body();
    assertArrayEquals(new double[] {2.0}, fallback.weights());
  }

  @Test
  void groupedModelWithoutFallbackRoundTrips() throws ModelFormatException {
    PortableModel decoded = ModelCodec.decode(ModelCodec.encode(grouped(null)));
    assertNull(decoded.groups().orElseThrow().fallback());
    assertTrue(decoded.groups().orElseThrow().fallbackModel().isEmpty());
  }

  @Test
  void groupedModelKeepsItsTransform() throws ModelFormatException {
    ModelTransform transform = new ModelTransform(
        List.of(new ModelTransform.Input("PRICE", "DOUBLE")),
        List.of(new ModelTransform.DerivedFeature("PRICE_Z", "(\"PRICE\" - 1.5E1) / 2E0")));
    PortableModel model = grouped(null).withTransform(transform);
    PortableModel decoded = ModelCodec.decode(ModelCodec.encode(model));
    assertEquals(transform, decoded.transform());
    assertTrue(decoded.groups().isPresent());
  }

  @Test
  void ungroupedModelHasNoGroups() throws ModelFormatException {
    PortableModel decoded = ModelCodec.decode(ModelCodec.encode(part(1, 0)));
    assertTrue(decoded.groups().isEmpty());
  }

  @Test
  void groupedFlagOnAFormatOnePayloadIsRefused() {
    byte[] payload = ModelCodec.encode(grouped(null));
    payload[5] = 1;
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> ModelCodec.decode(payload));
    assertTrue(e.getMessage().contains("grouped"), e.getMessage());
  }

  @Test
  void truncatedGroupingSectionIsRefused() {
    byte[] payload = ModelCodec.encode(grouped(part(2.0, 1.0)));
    byte[] body = java.util.Arrays.copyOfRange(payload, 44, payload.length - 9);
    assertThrows(ModelFormatException.class,
        () -> ModelCodec.decode(ModelCodecTest.withBody(payload, body)));
  }

  @Test
  void groupKeysMustMatchTheGroupColumn() {
    PortableModel north = part(2.0, 1.0);
    GroupedModels groups = new GroupedModels(List.of("NORTH"), List.of(north), null);
    FeatureSignature wrongKeys = signature(List.of("SOUTH"));
    assertThrows(IllegalArgumentException.class, () -> new PortableModel(
        Algorithm.LINEAR_REGRESSION, Task.REGRESSION, wrongKeys, north.label(), groups));
  }

  @Test
  void repeatedOrMissingKeysAreRefused() {
    PortableModel north = part(2.0, 1.0);
    assertThrows(IllegalArgumentException.class,
        () -> new GroupedModels(List.of("A", "A"), List.of(north, north), null));
    assertThrows(IllegalArgumentException.class,
        () -> new GroupedModels(List.of(), List.of(), null));
    assertThrows(IllegalArgumentException.class,
        () -> new GroupedModels(List.of("A", "B"), List.of(north), null));
  }

  /** NORTH: units = 2 * price + 1; SOUTH: units = 50 - 3 * price. */
  private static PortableModel grouped(PortableModel fallback) {
    List<PortableModel> parts = List.of(part(2.0, 1.0), part(-3.0, 50.0));
    List<String> keys = List.of("NORTH", "SOUTH");
    return new PortableModel(Algorithm.LINEAR_REGRESSION, Task.REGRESSION, signature(keys),
        parts.get(0).label(), new GroupedModels(keys, parts, fallback));
  }

  private static FeatureSignature signature(List<String> keys) {
    List<Feature> features = new ArrayList<>();
    features.add(Feature.categorical("REGION", "VARCHAR", keys));
    features.add(Feature.numeric("PRICE", "DOUBLE", 15, 0, 1));
    return new FeatureSignature(features);
  }

  private static PortableModel part(double slope, double intercept) {
    return new PortableModel(Algorithm.LINEAR_REGRESSION, Task.REGRESSION,
        new FeatureSignature(List.of(Feature.numeric("PRICE", "DOUBLE", 15, 0, 1))),
        new LabelInfo("UNITS", "DOUBLE", List.of()),
        new LinearParameters(new double[] {slope}, intercept));
  }
}
