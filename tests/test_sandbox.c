/*
 * test_sandbox.c — the sandbox against each kind of misbehaviour: crashing, looping,
 * flooding output, writing huge files, eating memory, leaving processes behind.
 */
#define _GNU_SOURCE
#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sandbox.h"
#include "util.h"

static char *env[] = { "PATH=/usr/bin:/bin", NULL };

static int run_sh(const char *script, SandboxLimits *lim, SandboxResult *r)
{
    char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };
    if (!lim->env)
        lim->env = env;
    return sandbox_run(argv, lim, r);
}

START_TEST(captures_output_and_exit_code)
{
    SandboxLimits lim = { .wall_seconds = 10 };
    SandboxResult r;
    ck_assert_int_eq(run_sh("echo hello; echo oops >&2; exit 3", &lim, &r), 0);
    ck_assert_int_eq(r.end, SB_EXITED);
    ck_assert_int_eq(r.exit_code, 3);
    ck_assert_ptr_nonnull(strstr(r.output, "hello"));
    ck_assert_ptr_nonnull(strstr(r.output, "oops"));
    sandbox_result_free(&r);
}
END_TEST

START_TEST(reports_a_crash_by_signal)
{
    SandboxLimits lim = { .wall_seconds = 10 };
    SandboxResult r;
    run_sh("kill -SEGV $$", &lim, &r);
    ck_assert_int_eq(r.end, SB_SIGNALED);
    ck_assert_int_eq(r.term_signal, SIGSEGV);
    char buf[256];
    ck_assert_ptr_nonnull(strstr(sandbox_describe(&r, buf, sizeof buf), "signal 11"));
    sandbox_result_free(&r);
}
END_TEST

START_TEST(kills_an_endless_loop_on_the_wall_clock)
{
    SandboxLimits lim = { .wall_seconds = 0.5 };
    SandboxResult r;
    double t0 = util_now();
    run_sh("while :; do :; done", &lim, &r);
    ck_assert_int_eq(r.end, SB_TIMEOUT);
    ck_assert(util_now() - t0 < 5.0);
    sandbox_result_free(&r);
}
END_TEST

START_TEST(kills_a_sleeping_grandchild_with_the_group)
{
    SandboxLimits lim = { .wall_seconds = 0.5 };
    SandboxResult r;
    double t0 = util_now();
    /* the child exits at once but leaves a grandchild holding the pipe open */
    run_sh("sleep 30 & echo started", &lim, &r);
    ck_assert(util_now() - t0 < 5.0);
    ck_assert_ptr_nonnull(strstr(r.output, "started"));
    sandbox_result_free(&r);
}
END_TEST

START_TEST(caps_a_flood_of_output)
{
    SandboxLimits lim = { .wall_seconds = 1, .output_cap = 1000 };
    SandboxResult r;
    run_sh("yes flood", &lim, &r);
    ck_assert_int_eq(r.end, SB_TIMEOUT);
    ck_assert_uint_eq(r.output_len, 1000);
    ck_assert(r.output_total > 1000);
    ck_assert_uint_eq(strlen(r.output), 1000);
    sandbox_result_free(&r);
}
END_TEST

START_TEST(stops_a_cpu_hog_at_its_cpu_limit)
{
    SandboxLimits lim = { .wall_seconds = 20, .cpu_seconds = 1 };
    SandboxResult r;
    run_sh("while :; do :; done", &lim, &r);
    ck_assert_int_eq(r.end, SB_SIGNALED);
    ck_assert(r.term_signal == SIGXCPU || r.term_signal == SIGKILL);
    sandbox_result_free(&r);
}
END_TEST

START_TEST(limits_file_size)
{
    char *dir = util_mkdtemp("la4ai-sbtest");
    SandboxLimits lim = { .wall_seconds = 10, .file_mb = 1, .workdir = dir };
    SandboxResult r;
    run_sh("exec head -c 5000000 /dev/zero > big", &lim, &r);
    ck_assert_int_eq(r.end, SB_SIGNALED);
    ck_assert_int_eq(r.term_signal, SIGXFSZ);
    sandbox_result_free(&r);
    util_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(limits_address_space)
{
    SandboxLimits lim = { .wall_seconds = 10, .mem_mb = 64 };
    SandboxResult r;
    /* a 200 MB string in the shell cannot be allocated under 64 MB */
    run_sh("x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo survived", &lim, &r);
    ck_assert_ptr_null(strstr(r.output, "survived"));
    sandbox_result_free(&r);
}
END_TEST

START_TEST(runs_in_the_work_folder_with_a_clean_environment)
{
    char *dir = util_mkdtemp("la4ai-sbtest");
    setenv("LA4AI_SECRET", "leak", 1);
    SandboxLimits lim = { .wall_seconds = 10, .workdir = dir };
    SandboxResult r;
    run_sh("pwd; echo secret=$LA4AI_SECRET", &lim, &r);
    ck_assert_ptr_nonnull(strstr(r.output, strrchr(dir, '/')));
    ck_assert_ptr_nonnull(strstr(r.output, "secret=\n"));
    sandbox_result_free(&r);
    util_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(drops_root_and_limits_processes)
{
    if (geteuid() != 0)
        return; /* only meaningful as root */
    char *dir = util_mkdtemp("la4ai-sbtest");
    SandboxLimits lim = { .wall_seconds = 10, .workdir = dir, .drop_root = true,
                          .max_procs = 16 };
    SandboxResult r;
    run_sh("id -u; touch written && echo wrote; "
           "i=0; while [ $i -lt 40 ]; do sleep 5 & i=$((i+1)); done; echo forks-done",
           &lim, &r);
    ck_assert_msg(strstr(r.output, "65534") != NULL, "not nobody: %s", r.output);
    ck_assert_ptr_nonnull(strstr(r.output, "wrote"));
    /* the shell cannot fork its 17th process: it says so, or gives up before the end */
    ck_assert_msg(strstr(r.output, "ork") || !strstr(r.output, "forks-done"),
                  "40 processes were allowed: %s", r.output);
    sandbox_result_free(&r);
    util_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(a_missing_program_fails_to_start)
{
    char *argv[] = { "/nonexistent/program", NULL };
    SandboxLimits lim = { .wall_seconds = 10, .env = env };
    SandboxResult r;
    ck_assert_int_eq(sandbox_run(argv, &lim, &r), -1);
    ck_assert_int_eq(r.end, SB_START_FAILED);
    ck_assert_ptr_nonnull(strstr(r.error, "No such file"));
    sandbox_result_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sandbox");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, captures_output_and_exit_code);
    tcase_add_test(core, runs_in_the_work_folder_with_a_clean_environment);
    suite_add_tcase(s, core);
    TCase *limits = tcase_create("Limits");
    tcase_set_timeout(limits, 30);
    tcase_add_test(limits, reports_a_crash_by_signal);
    tcase_add_test(limits, kills_an_endless_loop_on_the_wall_clock);
    tcase_add_test(limits, kills_a_sleeping_grandchild_with_the_group);
    tcase_add_test(limits, caps_a_flood_of_output);
    tcase_add_test(limits, stops_a_cpu_hog_at_its_cpu_limit);
    tcase_add_test(limits, limits_file_size);
    tcase_add_test(limits, limits_address_space);
    tcase_add_test(limits, drops_root_and_limits_processes);
    suite_add_tcase(s, limits);
    TCase *errors = tcase_create("Errors");
    tcase_add_test(errors, a_missing_program_fails_to_start);
    suite_add_tcase(s, errors);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
