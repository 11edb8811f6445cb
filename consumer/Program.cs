using TypedDataset.Consumer.Cli;

// `mosul`: a command-line explorer of the TypedDataset.Mosul facts. Commands live in Commands/;
// the default (no arguments) is an overview written against the generated API.
return ExplorerApp.Run(args, ExplorerConsole.ForProcess());
