/*
 * cli.h — the command-line front end: `la4ai COMMAND …`, one function per command.
 * Exit status: 0 success/passed, 1 failed, 2 usage or set-up error.
 */
#ifndef LA4AI_CLI_H
#define LA4AI_CLI_H

/* Runs the command line (argv[0] is the program). Returns the exit status. */
int cli_main(int argc, char **argv);

#endif /* LA4AI_CLI_H */
