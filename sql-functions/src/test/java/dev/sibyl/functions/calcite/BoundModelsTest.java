package dev.sibyl.functions.calcite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sibyl.registry.ModelRef;
import dev.sibyl.registry.ModelVersion;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import dev.sibyl.registry.model.TreeEnsemble.Combination;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole and pruned models bind under different keys, and a dropped pruned binding comes back. */
class BoundModelsTest {
  /** X <= 1 ? 10 : 20, version 3 of T, registry row 7. */
  private static final StoredModel TREE = new StoredModel(new ModelVersion(7, "T", 3, "0"),
      new PortableModel(Algorithm.DECISION_TREE, Task.REGRESSION,
          new FeatureSignature(List.of(Feature.numeric("X", "DOUBLE", 0, 0, 1))),
          new LabelInfo("Y", "DOUBLE", List.of()),
          new TreeEnsemble(Combination.MEAN, 0, 0, 1, new double[] {1}, new int[] {0},
              new int[] {0, -1, -1}, new double[] {1, 0, 0}, new int[] {1, -1, -1},
              new int[] {2, -1, -1}, new double[] {0, 10, 20})));

  private final ModelLookup lookup = new ModelLookup() {
    private final String id = UUID.randomUUID().toString();

    @Override
    public StoredModel load(ModelRef ref) throws SQLException {
      if (!ref.name().equals("T") || ref.version().orElse(3) != 3) {
        throw SibylErrors.unknownModel(ref.toString());
      }
      return TREE;
    }

    @Override
    public String registryId() {
      return id;
    }
  };

  @BeforeEach
  void register() {
    ModelLookups.register(lookup);
  }

  @AfterEach
  void unregister() {
    ModelLookups.unregister(lookup);
  }

  private String bind(String reference) throws SQLException {
    return BoundModels.bind(lookup.registryId(), reference,
        PrunedModelReference.load(lookup, reference));
  }

  @Test
  void aPrunedModelNeverSharesTheWholeModelsScorer() throws SQLException {
    String whole = bind("T@3");
    String pruned = bind("T@3{\"X\" > 1.0, \"X\" <= 100.0}");
    assertNotEquals(whole, pruned);
    double[] atOne = {1};
    assertEquals(10, BoundModels.scorer(whole).regress(atOne, new String[0]));
    assertEquals(20, BoundModels.scorer(pruned).regress(atOne, new String[0]),
        "the pruned tree always goes right: only rows in (1, 100] reach it");
  }

  @Test
  void aPrunedBindingDroppedForNewerOnesIsPrunedAgain() throws SQLException {
    String first = bind("T@3{\"X\" > 1.0, \"X\" <= 100.0}");
    for (int i = 0; i < 200; i++) {
      bind("T@3{\"X\" > 1.0, \"X\" <= " + (200.0 + i) + "}");
    }
    assertEquals(20, BoundModels.scorer(first).regress(new double[] {0}, new String[0]));
    ModelLookups.unregister(lookup);
    String gone = lookup.registryId() + "#7#T@3{\"X\" < 0.0}";
    SibylSqlException closed = assertThrows(SibylSqlException.class,
        () -> BoundModels.scorer(gone));
    assertEquals("08003", closed.getCause().getSQLState());
    assertThrows(IllegalStateException.class,
        () -> BoundModels.scorer(lookup.registryId() + "#8"));
  }
}
