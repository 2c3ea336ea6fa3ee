package dev.sibyl.registry;

/**
 * Identifies one stored model version; {@code id} is unique across the registry's whole life, so
 * it is a safe cache key even when a model is dropped and created again.
 *
 * @param id registry row id
 * @param name model name as stored
 * @param version version number within the model
 * @param sha256 hex checksum of the payload body
 */
public record ModelVersion(long id, String name, int version, String sha256) {}
