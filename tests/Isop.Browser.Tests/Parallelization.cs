// Each browser test class runs a server, a range and Chromium: on two cores, one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
