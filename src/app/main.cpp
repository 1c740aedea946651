#include "app/cli.h"

int main(int argc, char** argv) { return ketnoi::app::RunCli(argc, argv); }
