// The CLI reads its data folder from the environment (NeuronViewer__DataFolder), which is process-wide: tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
