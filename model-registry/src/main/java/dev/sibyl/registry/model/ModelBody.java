package dev.sibyl.registry.model;

/** The fitted parameters of a model, in the portable form our scorers read. */
public sealed interface ModelBody
    permits LinearParameters,
        LogisticParameters,
        NaiveBayesParameters,
        CentroidParameters,
        LinearSvmParameters,
        NeuralNetworkParameters,
        TreeEnsemble,
        GroupedModels {}
