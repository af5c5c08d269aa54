/*
 * la4main.c — main() of every grader program: runs grader_suite() in Check's fork mode and
 * writes the TAP log that la4ai reads (LA4AI_TAP, default tap.log in the working folder).
 * Kept apart from la4grade.c so that labs, which have their own main, can use the library.
 */
#include <stdlib.h>

#include "la4grade.h"

int main(void)
{
    Suite *s = grader_suite();
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_FORK);
    const char *tap = getenv("LA4AI_TAP");
    srunner_set_tap(sr, tap ? tap : "tap.log");
    srunner_run_all(sr, getenv("LA4AI_TAP") ? CK_SILENT : CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
