package dev.sibyl.functions.calcite;

import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps a label's stored SQL type name to the type PREDICT returns, and class strings to values of
 * that type.
 */
final class LabelTypes {
  private LabelTypes() {}

  /** The SQL type a classifier's PREDICT returns for a label of {@code sqlType}. */
  static SqlTypeName returnTypeName(String sqlType) {
    switch (base(sqlType)) {
      case "BOOLEAN":
      case "BIT":
        return SqlTypeName.BOOLEAN;
      case "TINYINT":
      case "SMALLINT":
      case "INTEGER":
      case "INT":
        return SqlTypeName.INTEGER;
      case "BIGINT":
        return SqlTypeName.BIGINT;
      case "DECIMAL":
      case "NUMERIC":
      case "DOUBLE":
      case "DOUBLE PRECISION":
      case "FLOAT":
      case "REAL":
      case "DECFLOAT":
        return SqlTypeName.DOUBLE;
      default:
        return SqlTypeName.VARCHAR;
    }
  }

  static RelDataType returnType(RelDataTypeFactory factory, String sqlType) {
    SqlTypeName name = returnTypeName(sqlType);
    RelDataType type =
        name == SqlTypeName.VARCHAR
            ? factory.createSqlType(SqlTypeName.VARCHAR, RelDataType.PRECISION_NOT_SPECIFIED)
            : factory.createSqlType(name);
    return factory.createTypeWithNullability(type, false);
  }

  /** The Java class generated code uses for a classifier's (NOT NULL) PREDICT result. */
  static Class<?> javaClass(String sqlType) {
    switch (returnTypeName(sqlType)) {
      case BOOLEAN:
        return boolean.class;
      case INTEGER:
        return int.class;
      case BIGINT:
        return long.class;
      case DOUBLE:
        return double.class;
      default:
        return String.class;
    }
  }

  /** A class string as a value of the label's return type. */
  static Object parse(String sqlType, String value) {
    switch (returnTypeName(sqlType)) {
      case BOOLEAN:
        return Boolean.parseBoolean(value);
      case INTEGER:
        return (int) Double.parseDouble(value);
      case BIGINT:
        return (long) Double.parseDouble(value);
      case DOUBLE:
        return Double.parseDouble(value);
      default:
        return value;
    }
  }

  private static String base(String sqlType) {
    String upper = sqlType.toUpperCase(Locale.ROOT).trim();
    int paren = upper.indexOf('(');
    return paren < 0 ? upper : upper.substring(0, paren).trim();
  }
}
