package dev.sibyl.registry;

import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.ModelTransform;
import dev.sibyl.registry.model.PortableModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders how a model computes its features as the registry's TRANSFORM column shows it: one
 * {@code expression AS "FEATURE"} line per feature, in the form a TRANSFORM clause takes. A model
 * trained without TRANSFORM lists its feature columns, read as they are.
 */
final class TransformText {
  private TransformText() {}

  static String of(PortableModel model) {
    List<String> items = new ArrayList<>();
    ModelTransform transform = model.transform();
    if (transform.isPresent()) {
      for (ModelTransform.DerivedFeature feature : transform.features()) {
        items.add(feature.expression() + " AS " + quoted(feature.name()));
      }
    } else {
      for (Feature feature : model.signature().features()) {
        items.add(quoted(feature.name()));
      }
    }
    return String.join(",\n", items);
  }

  private static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
