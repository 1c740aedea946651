// app — wiring and the command line. `ketnoi <command> --data DIR …` opens the data directory
// (configuration, store with migrations, reference data), brings the search index up to date
// with the change log, then runs the command. Nothing below app/ knows about argv or stdout.
#pragma once

namespace ketnoi::app {

// Runs the `ketnoi` command line; returns the process exit code (0 ok, 1 failure, 2 usage).
int RunCli(int argc, char** argv);

}  // namespace ketnoi::app
