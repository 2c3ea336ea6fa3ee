package dev.sibyl.registry;

import dev.sibyl.registry.model.PortableModel;

/**
 * A model version together with its decoded, checksum-verified model.
 *
 * @param version which registry row it came from
 * @param model the decoded model
 */
public record StoredModel(ModelVersion version, PortableModel model) {}
