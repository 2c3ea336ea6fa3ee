package dev.sibyl.registry;

import java.sql.SQLException;

/**
 * Every error message a Sibyl user can see, in one place, each with its SQLState.
 *
 * <p>SQLState classes follow the design: 42 for unknown models and signature mismatches, 22 for bad
 * data, 0A for unsupported options or types.
 */
public final class SibylErrors {
  /** Undefined object (unknown model or version). */
  public static final String UNDEFINED_OBJECT = "42704";
  /** Duplicate object (model already exists). */
  public static final String DUPLICATE_OBJECT = "42710";
  /** Undefined column. */
  public static final String UNDEFINED_COLUMN = "42703";
  /** Syntax error or access rule violation (bad statement shape). */
  public static final String SYNTAX = "42000";
  /** Datatype mismatch. */
  public static final String DATATYPE_MISMATCH = "42804";
  /** Data exception (bad, empty or corrupted data). */
  public static final String DATA = "22000";
  /** Invalid parameter value (option out of range). */
  public static final String INVALID_PARAMETER = "22023";
  /** Feature not supported (unknown model type or option). */
  public static final String NOT_SUPPORTED = "0A000";
  /** Program limit exceeded (more data than an algorithm can hold). */
  public static final String LIMIT_EXCEEDED = "54000";
  /**
   * A prepared statement's model has a new active version whose results have another type, so the
   * statement cannot be planned again under the same result columns.
   */
  public static SQLException staleModelResultType(String model, int prepared, int active) {
    return new SQLException(
        "Model '" + model + "' has a new active version " + active + " whose results have"
            + " another type than version " + prepared + "'s, which this statement was prepared"
            + " with; prepare the statement again (or name a version: '" + model + "@"
            + prepared + "')",
        NOT_SUPPORTED);
  }

  /** Query canceled. */
  public static final String CANCELED = "57014";

  private SibylErrors() {}

  public static SQLException unknownModel(String name) {
    return new SQLException("Model '" + name + "' does not exist", UNDEFINED_OBJECT);
  }

  public static SQLException unknownVersion(String name, int version) {
    return new SQLException(
        "Model '" + name + "' has no version " + version, UNDEFINED_OBJECT);
  }

  public static SQLException badModelReference(String reference) {
    return new SQLException(
        "Invalid model reference '" + reference + "': expected 'name' or 'name@version'",
        SYNTAX);
  }

  public static SQLException modelExists(String name) {
    return new SQLException(
        "Model '" + name + "' already exists: use CREATE OR REPLACE MODEL to add a new version,"
            + " or CREATE MODEL IF NOT EXISTS",
        DUPLICATE_OBJECT);
  }

  public static SQLException corruptedPayload(String name, int version, String detail) {
    return new SQLException(
        "Model '" + name + "' version " + version + " cannot be loaded: " + detail, DATA);
  }

  public static SQLException missingOption(String option, String what) {
    return new SQLException(
        "CREATE MODEL needs option '" + option + "' (" + what + ")", SYNTAX);
  }

  public static SQLException unknownOption(String option, String algorithm, String known) {
    return new SQLException(
        "Unknown option '" + option + "' for type '" + algorithm + "'; known options: " + known,
        NOT_SUPPORTED);
  }

  public static SQLException unknownType(String type, String known) {
    return new SQLException(
        "Unknown model type '" + type + "'; supported types: " + known, NOT_SUPPORTED);
  }

  public static SQLException optionOutOfRange(String option, Object value, String expected) {
    return new SQLException(
        "Option '" + option + "' = " + value + " is out of range: expected " + expected,
        INVALID_PARAMETER);
  }

  public static SQLException badOptionValue(String option, Object value, String expected) {
    return new SQLException(
        "Option '" + option + "' = " + value + " is not valid: expected " + expected,
        INVALID_PARAMETER);
  }

  public static SQLException labelNotInQuery(String label, String columns) {
    return new SQLException(
        "Label column '" + label + "' is not in the training query; its columns are " + columns,
        UNDEFINED_COLUMN);
  }

  public static SQLException noFeatures(String label) {
    return new SQLException(
        "The training query has no feature columns besides the label '" + label + "'", SYNTAX);
  }

  public static SQLException unsupportedFeatureType(String column, String type) {
    String shown =
        type.equalsIgnoreCase("ANY") || type.equalsIgnoreCase("OTHER")
            ? type + " (a BLOB, CLOB, JSON or other type the query engine cannot read as data)"
            : type;
    return new SQLException(
        "Column '" + column + "' has type " + shown
            + ", which cannot be a feature: use a numeric, VARCHAR or BOOLEAN column",
        DATATYPE_MISMATCH);
  }

  public static SQLException syntaxError(String detail) {
    return new SQLException("Syntax error: " + detail, SYNTAX);
  }

  public static SQLException unsupportedLabelType(String column, String type, String algorithm) {
    return new SQLException(
        "Label '" + column + "' has type " + type + ", which " + algorithm + " cannot predict",
        DATATYPE_MISMATCH);
  }

  public static SQLException emptyTrainingSet(String model) {
    return new SQLException(
        "Cannot train model '" + model + "': the training query returned no rows", DATA);
  }

  public static SQLException allLabelsNull(String model, String label, long rows) {
    return new SQLException(
        "Cannot train model '" + model + "': all " + rows + " rows have a NULL label '" + label
            + "'",
        DATA);
  }

  public static SQLException singleClass(String model, String label, String value) {
    return new SQLException(
        "Cannot train model '" + model + "': label '" + label + "' has a single class ("
            + value + "); a classifier needs at least two",
        DATA);
  }

  public static SQLException tooFewTrainingRows(String model, long rows) {
    return new SQLException(
        "Cannot train model '" + model + "': only " + rows
            + " rows remain for training after the held-out split; lower test_fraction",
        DATA);
  }

  public static SQLException trainingFailed(String model, String detail) {
    return new SQLException("Training of model '" + model + "' failed: " + detail, DATA);
  }

  public static SQLException trainingCanceled(String model) {
    return new SQLException("Training of model '" + model + "' was canceled", CANCELED);
  }

  public static SQLException wrongArity(
      String function, String model, int expected, int actual, String signature) {
    return new SQLException(
        function + " for model '" + model + "' expects " + expected + " feature argument"
            + (expected == 1 ? "" : "s") + " but got " + actual + "; signature: " + signature,
        SYNTAX);
  }

  public static SQLException wrongTransformArity(
      String function, String model, int expected, int actual, String inputs) {
    return new SQLException(
        function + " for model '" + model + "' expects its " + expected + " input column"
            + (expected == 1 ? "" : "s") + " " + inputs + " (its TRANSFORM computes the features"
            + " from them) but got " + actual + " argument" + (actual == 1 ? "" : "s")
            + "; or write " + function + "('" + model + "') to bind them by name",
        SYNTAX);
  }

  public static SQLException staleModel(String model, int prepared, int active) {
    return new SQLException(
        "Model '" + model + "' has a new active version " + active
            + " since this statement was prepared with version " + prepared
            + "; prepare the statement again (or name a version: '" + model + "@" + prepared
            + "')",
        NOT_SUPPORTED);
  }

  /** Scoring a row with a model failed in the scorer itself (not in the row's features). */
  public static SQLException scoringFailed(String model, int version, String detail) {
    return new SQLException(
        "Scoring with model '" + model + "' (version " + version + ") failed: " + detail,
        DATA);
  }

  public static SQLException wrongArgumentType(
      String function, String model, int position, String feature, String expected,
      String actual, String signature) {
    return new SQLException(
        function + " for model '" + model + "': argument " + position + " (feature " + feature
            + ") must be " + expected + " but is " + actual + "; signature: " + signature,
        DATATYPE_MISMATCH);
  }

  public static SQLException modelNameNotLiteral(String function) {
    return new SQLException(
        function + ": the first argument must be a string literal naming the model,"
            + " e.g. " + function + "('churn', ...) or " + function + "('churn@2', ...)",
        SYNTAX);
  }

  /**
   * A scoring function applied to a model of the wrong task, e.g. PREDICT_PROBA to a regression.
   *
   * @param needed what the function needs, e.g. "a classifier"
   * @param task the model's task, lower case, e.g. "regression"
   */
  public static SQLException wrongModelTask(
      String function, String model, String needed, String task) {
    return new SQLException(
        function + " needs " + needed + ", but model '" + model + "' is a " + task + " model",
        SYNTAX);
  }

  public static SQLException optionNeedsClassification(String model, String option,
      String label) {
    return new SQLException(
        "Option '" + option + "' applies to classifiers only, but model '" + model
            + "' is a regression of the numeric label '" + label
            + "'; remove the option or set task = 'classification'",
        NOT_SUPPORTED);
  }

  public static SQLException tooManyClasses(String model, String label, int classes, int limit) {
    return new SQLException(
        "Cannot train model '" + model + "': label '" + label + "' has " + classes
            + " classes, more than the " + limit + " a tree classifier supports;"
            + " for a numeric label use task = 'regression'",
        DATA);
  }

  public static SQLException labelOnUnsupervisedType(String algorithm) {
    return new SQLException(
        "Option 'label' does not apply to type '" + algorithm + "': it learns from every column"
            + " of the query without a label; remove the option",
        NOT_SUPPORTED);
  }

  public static SQLException notBinary(String model, String algorithm, String label, int classes) {
    return new SQLException(
        "Cannot train model '" + model + "': " + algorithm + " is a binary classifier, but label '"
            + label + "' has " + classes + " classes",
        DATA);
  }

  public static SQLException tooManyRowsForMemory(
      String model, String algorithm, long rows, long limit, String why) {
    return new SQLException(
        "Cannot train model '" + model + "': " + algorithm + " " + why + ", so this server"
            + " trains it on at most " + limit + " rows, not " + rows + "; sample the training"
            + " query or give the server more memory",
        LIMIT_EXCEEDED);
  }

  public static SQLException tooFewRowsForClusters(String model, int k, long rows) {
    return new SQLException(
        "Cannot train model '" + model + "': k = " + k + " clusters need at least " + k
            + " training rows, but there " + (rows == 1 ? "is 1" : "are " + rows),
        DATA);
  }

  public static SQLException tooFewDistinctRowsForClusters(String model, int k, long distinct) {
    return new SQLException(
        "Cannot train model '" + model + "': k = " + k + " clusters need at least " + k
            + " distinct training rows, but there " + (distinct == 1 ? "is 1" : "are " + distinct),
        DATA);
  }

  public static SQLException tooFewRowsForInputs(String model, long rows, int inputs) {
    return new SQLException(
        "Cannot train model '" + model + "': linear_regression needs more training rows than"
            + " model inputs, but has " + rows + " rows for " + inputs
            + " inputs (features after one-hot encoding, plus the intercept)",
        DATA);
  }

  public static SQLException missingEvaluationColumns(
      String function, String model, java.util.List<String> missing) {
    return new SQLException(
        function + " of model '" + model + "': the query lacks column"
            + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
            + "; it needs every feature (or, with a TRANSFORM, every input column) and the label, by name",
        UNDEFINED_COLUMN);
  }

  /** Prefix naming one TRANSFORM item in the transform errors below. */
  private static String transformItem(String model, int item, String feature) {
    return "TRANSFORM item " + item + (feature == null ? "" : " (" + feature + ")")
        + " of model '" + model + "'";
  }

  public static SQLException transformStar(String model) {
    return new SQLException(
        "TRANSFORM of model '" + model + "' lists its features one by one; '*' is not allowed",
        SYNTAX);
  }

  public static SQLException transformItemUnnamed(String model, int item, String expression) {
    return new SQLException(
        transformItem(model, item, null) + " needs a feature name: write " + expression
            + " AS name",
        SYNTAX);
  }

  public static SQLException transformDuplicateFeature(String model, String feature) {
    return new SQLException(
        "TRANSFORM of model '" + model + "' names feature " + feature + " more than once",
        SYNTAX);
  }

  public static SQLException transformSubQuery(String model, int item, String feature) {
    return new SQLException(
        transformItem(model, item, feature)
            + " contains a sub-query; TRANSFORM expressions are computed from one row",
        SYNTAX);
  }

  public static SQLException transformUnknownColumn(
      String model, int item, String feature, String column, String columns) {
    return new SQLException(
        transformItem(model, item, feature) + " uses column " + column
            + ", which the training query does not have; its columns are " + columns,
        UNDEFINED_COLUMN);
  }

  public static SQLException transformUsesLabel(
      String model, int item, String feature, String label) {
    return new SQLException(
        transformItem(model, item, feature) + " uses the label column " + label
            + ": a feature computed from the label cannot be computed when scoring",
        SYNTAX);
  }

  public static SQLException transformFeatureIsLabel(String model, String label) {
    return new SQLException(
        "TRANSFORM of model '" + model + "' names a feature " + label
            + " like the label column; give the feature another name",
        SYNTAX);
  }

  public static SQLException transformFeatureIsSplitColumn(String model, String column) {
    return new SQLException(
        "TRANSFORM of model '" + model + "' names a feature " + column
            + " like the column that splits the rows; give the feature another name",
        SYNTAX);
  }

  public static SQLException transformBadArguments(
      String model, int item, String feature, String function, String expected) {
    return new SQLException(
        transformItem(model, item, feature) + ": " + function + " takes " + expected,
        SYNTAX);
  }

  public static SQLException transformNeedsNumbers(
      String model, int item, String feature, String function, String type) {
    return new SQLException(
        transformItem(model, item, feature) + ": " + function
            + " needs a numeric argument, but it is " + type,
        DATATYPE_MISMATCH);
  }

  public static SQLException transformNothingToFit(
      String model, int item, String feature, String function) {
    return new SQLException(
        transformItem(model, item, feature) + ": " + function
            + " has no non-NULL value in the training rows to fit on",
        DATA);
  }

  public static SQLException transformFailed(String model, String detail) {
    return new SQLException(
        "TRANSFORM of model '" + model + "' failed on the training rows: " + detail, DATA);
  }

  public static SQLException needsClassifier(String function, String model) {
    return new SQLException(
        function + " needs a classifier, but model '" + model + "' is not one", SYNTAX);
  }

  public static SQLException needsBinaryClassifier(String function, String model) {
    return new SQLException(
        function + " needs a binary classifier, but model '" + model
            + "' has more than two classes",
        SYNTAX);
  }

  public static SQLException groupedNotExplained(String model) {
    return new SQLException(
        "EXPLAIN_MODEL does not explain grouped models yet: model '" + model + "' holds one model"
            + " per group; train one group on its own (WHERE group_column = ...) to explain it",
        NOT_SUPPORTED);
  }

  public static SQLException nothingToExplain(String model, String algorithm) {
    return new SQLException(
        "EXPLAIN_MODEL has no per-feature figures for model '" + model + "' (" + algorithm
            + "): a network's weights do not read as the effect of one feature; EVALUATE shows"
            + " how well it predicts and PROFILE('query', 'label') how each column relates to the"
            + " label",
        NOT_SUPPORTED);
  }

  public static SQLException importanceNotRecorded(String model, int version) {
    return new SQLException(
        "EXPLAIN_MODEL cannot show feature importances of model '" + model + "' version " + version
            + ": it was stored before tree models recorded them; train it again (CREATE OR"
            + " REPLACE MODEL) to get them",
        NOT_SUPPORTED);
  }

  public static SQLException noLabeledRows(String function, String model) {
    return new SQLException(
        function + " of model '" + model + "': the query returned no rows with a label", DATA);
  }

  public static SQLException profileLabelNotInQuery(String label, String columns) {
    return new SQLException(
        "PROFILE: label column '" + label + "' is not in the query; its columns are " + columns,
        UNDEFINED_COLUMN);
  }

  public static SQLException trainingTimedOut(String model, long timeoutSeconds) {
    return new SQLException(
        "Training of model '" + model + "' was canceled: it exceeded the query timeout of "
            + timeoutSeconds + " s",
        CANCELED);
  }

  // ---- Held-out split and cross-validation ---------------------------------------------------

  /** Two options that cannot go together, or an option that does not apply to another's value. */
  public static SQLException inapplicableOption(String option, String why) {
    return new SQLException("Option '" + option + "' cannot be used here: " + why, SYNTAX);
  }

  /** A column named by a split option ({@code order_by}, {@code split_column}) is not queried. */
  public static SQLException splitColumnNotInQuery(String option, String column, String columns) {
    return new SQLException(
        "Column '" + column + "' of option '" + option + "' is not in the training query; its"
            + " columns are " + columns,
        UNDEFINED_COLUMN);
  }

  public static SQLException splitColumnIsLabel(String option, String column) {
    return new SQLException(
        "Option '" + option + "' names the label column '" + column + "'; it must name another"
            + " column of the training query",
        SYNTAX);
  }

  public static SQLException unsupportedSplitColumnType(
      String option, String column, String type, String expected) {
    return new SQLException(
        "Column '" + column + "' of option '" + option + "' has type " + type + "; expected "
            + expected,
        DATATYPE_MISMATCH);
  }

  /**
   * A {@code split_column} value that marks a row neither for training nor for testing.
   *
   * @param row the row's position in the training query, from 1
   */
  public static SQLException badSplitMarker(String model, String column, long row, Object value) {
    return new SQLException(
        "Cannot train model '" + model + "': split_column '" + column + "' is " + value
            + " in row " + row + " of the training query; expected TRUE, 1 or 'test' for a"
            + " held-out row and FALSE, 0 or 'train' for a training row",
        DATA);
  }

  /** An {@code order_by} value that is NULL. */
  public static SQLException nullOrderKey(String model, String column, long row) {
    return new SQLException(
        "Cannot train model '" + model + "': order_by column '" + column + "' is NULL in row "
            + row + " of the training query; filter such rows out or use COALESCE",
        DATA);
  }

  public static SQLException noTrainingRowsInSplit(String model, String column, long rows) {
    return new SQLException(
        "Cannot train model '" + model + "': split_column '" + column + "' marks all " + rows
            + " rows as held out, leaving none for training",
        DATA);
  }

  public static SQLException tooFewRowsForFolds(String model, int folds, long rows) {
    return new SQLException(
        "Cannot train model '" + model + "': folds = " + folds + " needs at least " + folds
            + " training rows, but there " + (rows == 1 ? "is 1" : "are " + rows),
        DATA);
  }

  /** A fit within cross-validation failed; keeps the failure's SQLState. */
  public static SQLException foldFailed(String model, int fold, int folds, SQLException cause) {
    SQLException error = new SQLException(
        "Cross-validation of model '" + model + "' failed in fold " + fold + " of " + folds + ": "
            + cause.getMessage(),
        cause.getSQLState());
    error.initCause(cause);
    return error;
  }

  // ---- Hyperparameter search -----------------------------------------------------------------

  public static SQLException searchParamsNotJson(String detail) {
    return new SQLException(
        "Option 'search_params' is not a JSON object of parameter lists or ranges: " + detail,
        INVALID_PARAMETER);
  }

  public static SQLException unknownSearchParam(String param, String algorithm, String known) {
    return new SQLException(
        "search_params names '" + param + "', which is not a hyperparameter of type '"
            + algorithm + "'; it can search " + known,
        NOT_SUPPORTED);
  }

  public static SQLException emptySearchList(String param) {
    return new SQLException(
        "search_params '" + param + "' is an empty list; give at least one value",
        INVALID_PARAMETER);
  }

  /** A value of {@code search_params} of the wrong shape, e.g. a nested list or a bad range. */
  public static SQLException badSearchValue(String param, String detail) {
    return new SQLException(
        "search_params '" + param + "' is not valid: " + detail, INVALID_PARAMETER);
  }

  /** A searched hyperparameter that is also given as an option of its own. */
  public static SQLException searchedOptionGiven(String option) {
    return new SQLException(
        "Option '" + option + "' is both given and searched in search_params; keep one", SYNTAX);
  }

  /** A trial's options failed validation; keeps the validation's SQLState. */
  public static SQLException badSearchTrial(int trial, String params, SQLException cause) {
    SQLException error = new SQLException(
        "search_params trial " + trial + " " + params + " is not valid: " + cause.getMessage(),
        cause.getSQLState());
    error.initCause(cause);
    return error;
  }

  public static SQLException tooManyTrials(String search, long trials, int limit) {
    return new SQLException(
        "search = '" + search + "' would run " + trials + " trials, more than the limit of "
            + limit + "; search fewer values"
            + (search.equals("grid") ? " or use search = 'random' with trials = n" : ""),
        LIMIT_EXCEEDED);
  }

  /** A trial's cross-validation failed; keeps the failure's SQLState. */
  public static SQLException trialFailed(String model, int trial, String params,
      SQLException cause) {
    SQLException error = new SQLException(
        "Search for model '" + model + "': trial " + trial + " " + params + " failed: "
            + cause.getMessage(),
        cause.getSQLState());
    error.initCause(cause);
    return error;
  }

  // ---- Grouped models (group_by) -------------------------------------------------------------

  /** An option that a grouped model cannot combine with {@code group_by}. */
  public static SQLException notWithGroupBy(String option) {
    return new SQLException(
        "Option '" + option + "' cannot be used with group_by: a grouped model trains one model"
            + " per group on that group's held-out split, without cross-validation or search",
        NOT_SUPPORTED);
  }

  public static SQLException groupColumnSplitsRows(String column, String option) {
    return new SQLException(
        "Option 'group_by' names column '" + column + "', which option '" + option
            + "' uses to split the rows; group by another column",
        SYNTAX);
  }

  public static SQLException tooManyGroups(String model, String column, long groups, int limit) {
    return new SQLException(
        "Cannot train model '" + model + "': group_by column '" + column + "' has " + groups
            + " distinct values, more than the limit of " + limit + " groups; group by a"
            + " coarser column or filter the rows",
        LIMIT_EXCEEDED);
  }

  /** A group's model failed to train; keeps the failure's SQLState. */
  public static SQLException groupFailed(
      String model, String column, String group, long rows, SQLException cause) {
    String prefix = "Cannot train model '" + model + "': ";
    String detail = String.valueOf(cause.getMessage());
    SQLException error = new SQLException(
        "Cannot train model '" + model + "' for group " + column + " = '" + group + "' ("
            + rows + (rows == 1 ? " row" : " rows") + "): "
            + (detail.startsWith(prefix) ? detail.substring(prefix.length()) : detail)
            + "; filter the group out of the training query to train the others",
        cause.getSQLState());
    error.initCause(cause);
    return error;
  }

  /** No row to train on, and some rows were skipped for a NULL group. */
  public static SQLException allGroupsNull(
      String model, String column, long skipped, long nullGroups) {
    return new SQLException(
        "Cannot train model '" + model + "': all " + skipped + " rows were skipped, "
            + nullGroups + " of them for a NULL group_by column '" + column + "'"
            + (skipped > nullGroups ? " and the others for a NULL label" : ""),
        DATA);
  }

  public static SQLException noTrainingRowsInGroup(
      String model, String column, String group, long rows) {
    return new SQLException(
        "Cannot train model '" + model + "': the split holds out all " + rows
            + (rows == 1 ? " row" : " rows") + " of group " + column + " = '" + group
            + "', leaving none to train its model on",
        DATA);
  }

  public static SQLException transformFeatureIsGroupColumn(String model, String column) {
    return new SQLException(
        "TRANSFORM of model '" + model + "' names a feature " + column
            + " like the group_by column; give the feature another name",
        SYNTAX);
  }
}
