/*
 * main.c — la4ai's entry point: everything goes through the command line front end.
 */
#include "cli.h"

int main(int argc, char **argv) { return cli_main(argc, argv); }
