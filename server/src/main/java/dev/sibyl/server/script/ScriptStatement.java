package dev.sibyl.server.script;

/**
 * One statement of a SQL script: its text without the terminating semicolon, and the 1-based line
 * of the script where its first token stands.
 */
public record ScriptStatement(String sql, int line) {}
