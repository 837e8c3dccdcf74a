using ResearchKit.Notebooks.Worker;

// researchkit-worker: started by `researchkit run`, one process per notebook, in the notebook's folder. Reads one
// WorkerRequest line on stdin and writes JSON-line events on stdout (NotebookWorker).
return await NotebookWorker.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput());
