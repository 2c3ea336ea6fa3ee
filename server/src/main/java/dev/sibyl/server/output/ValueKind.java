package dev.sibyl.server.output;

import java.sql.Types;

/** How a result column's values are read and rendered, decided by its JDBC type. */
enum ValueKind {
  INTEGER,
  REAL,
  DOUBLE,
  DECIMAL,
  BOOLEAN,
  BINARY,
  TEXT;

  static ValueKind of(int jdbcType) {
    return switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
      case Types.REAL -> REAL;
      case Types.FLOAT, Types.DOUBLE -> DOUBLE;
      case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
      case Types.BOOLEAN, Types.BIT -> BOOLEAN;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
      default -> TEXT;
    };
  }

  boolean isNumeric() {
    return this == INTEGER || this == REAL || this == DOUBLE || this == DECIMAL;
  }
}
