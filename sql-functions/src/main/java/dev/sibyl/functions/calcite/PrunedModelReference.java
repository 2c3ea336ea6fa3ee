package dev.sibyl.functions.calcite;

import dev.sibyl.functions.scoring.KnownValues;
import dev.sibyl.functions.scoring.TreePruner;
import dev.sibyl.registry.ModelRef;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.StoredModel;
import java.lang.ref.SoftReference;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model references the planner writes into a PREDICT call for a tree model it pruned with
 * what the query knows about the features: {@code name@version{clauses}}, the clauses in {@link
 * KnownValues}' text form, e.g. {@code 'forest@3{"x2" > 6.0}'}. The reference says everything the
 * pruned model is made from, so it is rebuilt wherever it is read (planning, code generation) and
 * shows in EXPLAIN. Users cannot write one: it is not a valid {@link ModelRef}.
 */
public final class PrunedModelReference {
  private static final Pattern FORM = Pattern.compile("(.*?@[0-9]{1,9})\\{(.*)}", Pattern.DOTALL);
  private static final int CACHED = 64;
  /**
   * Recently pruned models by {@link #bindingKey}, which names their content exactly: pruning a
   * large forest takes milliseconds, and a query reads its reference several times while it is
   * planned. Soft references, so that memory pressure can clear them.
   */
  private static final Map<String, SoftReference<StoredModel>> PRUNED =
      new RecentlyUsed<>(CACHED);

  private PrunedModelReference() {}

  /** Whether {@code text} is a pruned model's reference. */
  public static boolean isPruned(String text) {
    return text != null && FORM.matcher(text).matches();
  }

  /** The reference of {@code base} pruned with {@code known}; the base itself if nothing is. */
  public static String of(StoredModel base, KnownValues known) {
    String versioned = base.version().name() + "@" + base.version().version();
    return known.isEmpty() ? versioned : versioned + "{" + known + "}";
  }

  /** What a reference knows about the features: nothing for a registry reference. */
  public static KnownValues known(String text, StoredModel stored) throws SQLException {
    Matcher form = FORM.matcher(text);
    if (!form.matches()) {
      return KnownValues.nothing(stored.model().signature());
    }
    try {
      return KnownValues.parse(form.group(2), stored.model().signature());
    } catch (IllegalArgumentException e) {
      SQLException error = SibylErrors.badModelReference(text);
      error.initCause(e);
      throw error;
    }
  }

  /**
   * Loads the model a reference names: from the registry, then pruned if the reference is a
   * pruned model's.
   */
  public static StoredModel load(ModelLookup lookup, String text) throws SQLException {
    Matcher form = FORM.matcher(text == null ? "" : text);
    if (!form.matches()) {
      return lookup.load(ModelRef.parse(text));
    }
    StoredModel base = lookup.load(ModelRef.parse(form.group(1)));
    String key = bindingKey(lookup.registryId(), text, base);
    synchronized (PRUNED) {
      SoftReference<StoredModel> cached = PRUNED.get(key);
      StoredModel pruned = cached == null ? null : cached.get();
      if (pruned != null) {
        return pruned;
      }
    }
    StoredModel pruned =
        new StoredModel(base.version(), TreePruner.prune(base.model(), known(text, base)));
    synchronized (PRUNED) {
      PRUNED.put(key, new SoftReference<>(pruned));
    }
    return pruned;
  }

  /**
   * The key a reference's scorer is bound under: the registry and the version's row id, and for
   * a pruned model its reference, from which {@link #reload} makes it again.
   */
  static String bindingKey(String registryId, String text, StoredModel stored) {
    String key = registryId + "#" + stored.version().id();
    return isPruned(text) ? key + "#" + text : key;
  }

  /**
   * The pruned model a {@link #bindingKey} names, made again; null if the key names no pruned
   * model or its version is gone.
   */
  static StoredModel reload(String key) throws SQLException {
    String[] parts = key.split("#", 3);
    if (parts.length < 3 || !isPruned(parts[2])) {
      return null;
    }
    StoredModel pruned = load(ModelLookups.get(parts[0]), parts[2]);
    return Long.toString(pruned.version().id()).equals(parts[1]) ? pruned : null;
  }
}
