/*
 * test_progress.c — Check suite for src/progress.c: the learner's record on disk.
 *
 * Core: loading, saving and every record change; Errors: damaged files, bad names, a newer
 * format, I/O failures; Concurrency: several processes writing (and reading) one record at
 * once. Every test runs in its own fresh folder from mkdtemp, removed afterwards.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* mkdtemp */
#endif

#include "progress.h"

#include <check.h>
#include <cjson/cJSON.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---------------------------------------------------------------------------------------- */
/* Fixture: root = a fresh folder; dir = root/progress, not created (the module makes it).   */

static char root[64];
static char dir[96];
static char file[128];   /* dir/bea.json */
static char bakfile[136]; /* dir/bea.json.bak */

static void setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/la4ai-progress-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (strlen(root) >= sizeof root - 1 || !mkdtemp(root)) {
        snprintf(root, sizeof root, "/tmp/la4ai-progress-XXXXXX");
        ck_assert_msg(mkdtemp(root) != NULL, "mkdtemp: %s", strerror(errno));
    }
    snprintf(dir, sizeof dir, "%s/progress", root);
    snprintf(file, sizeof file, "%s/bea.json", dir);
    snprintf(bakfile, sizeof bakfile, "%s/bea.json.bak", dir);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void teardown(void) { nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS); }

/* ---------------------------------------------------------------------------------------- */
/* Helpers.                                                                                  */

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

static void write_text(const char *path, const char *s) { write_bytes(path, s, strlen(s)); }

/* Whole file, NUL-terminated (caller frees), or NULL if it cannot be opened. */
static char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1024, n = 0;
    char *s = malloc(cap);
    size_t got;
    while ((got = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) s = realloc(s, cap *= 2);
    }
    fclose(f);
    s[n] = '\0';
    if (len) *len = n;
    return s;
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Number of names in `in` that start with prefix; the first found goes to first[] if given. */
static int count_prefix(const char *in, const char *prefix, char *first, size_t firstlen)
{
    DIR *d = opendir(in);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0) continue;
        if (n++ == 0 && first) snprintf(first, firstlen, "%s/%s", in, e->d_name);
    }
    closedir(d);
    return n;
}

/* Every name in `in` (except . and ..) must be one of names[]; returns how many there are. */
static int only_names(const char *in, const char *const names[], int nnames)
{
    DIR *d = opendir(in);
    ck_assert_msg(d != NULL, "%s: %s", in, strerror(errno));
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        bool known = false;
        for (int i = 0; i < nnames; i++) known |= strcmp(e->d_name, names[i]) == 0;
        ck_assert_msg(known, "unexpected file %s/%s", in, e->d_name);
        n++;
    }
    closedir(d);
    return n;
}

/* Local noon of a calendar date (noon keeps clear of daylight-saving jumps). */
static time_t local_noon(int y, int m, int d)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static Progress *load_ok(const char *in, const char *learner)
{
    char err[512] = "";
    char *notice = NULL;
    Progress *p = progress_load(in, learner, &notice, err, sizeof err);
    ck_assert_msg(p != NULL, "progress_load failed: %s", err);
    ck_assert_msg(notice == NULL, "unexpected notice: %s", notice);
    return p;
}

static void update_ok(const char *learner, int (*fn)(Progress *, void *), void *ctx)
{
    char err[512] = "";
    char *notice = NULL;
    int rc = progress_update(dir, learner, fn, ctx, &notice, err, sizeof err);
    ck_assert_msg(rc == 0, "progress_update failed: %s", err);
    ck_assert_msg(notice == NULL, "unexpected notice: %s", notice);
}

/* One attempt at exercise "w1-dot" with the given result. */
static int add_attempt(Progress *p, void *ctx)
{
    const Attempt *a = ctx;
    Attempt fallback = {0, 1, 4, true};
    progress_record_attempt(p, "w1-dot", a ? a : &fallback);
    return 0;
}

static int count_call(Progress *p, void *ctx)
{
    (void)p;
    ++*(int *)ctx;
    return 0;
}

static int abandon(Progress *p, void *ctx)
{
    (void)ctx;
    progress_record_attempt(p, "w1-dot", &(Attempt){0, 1, 1, true});
    return 1;
}

/* Attempts at w1-dot recorded in the file at path, read with cJSON directly. */
static int attempts_in_file(const char *path)
{
    char *text = read_text(path, NULL);
    ck_assert_msg(text != NULL, "%s missing", path);
    cJSON *root = cJSON_Parse(text);
    ck_assert_msg(root != NULL, "%s does not parse", path);
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "exercises"),
                                         "w1-dot"),
        "attempts");
    ck_assert_msg(cJSON_IsNumber(n), "%s has no exercises.w1-dot.attempts", path);
    int v = n->valueint;
    cJSON_Delete(root);
    free(text);
    return v;
}

/* A history of two saves: the file has 2 attempts at w1-dot, the .bak has 1. */
static void two_saves(void)
{
    update_ok("bea", add_attempt, NULL);
    update_ok("bea", add_attempt, NULL);
    ck_assert_int_eq(attempts_in_file(file), 2);
    ck_assert_int_eq(attempts_in_file(bakfile), 1);
}

/* ---------------------------------------------------------------------------------------- */
/* A record with every field set, and a field-by-field comparison.                           */

#define T0 ((time_t)1795953600) /* 2026-11-29T12:00:00Z */

static int fill_everything(Progress *p, void *ctx)
{
    (void)ctx;
    p->track = strdup("nlp");
    progress_record_attempt(p, "w1-dot", &(Attempt){T0 - 7200, 0, 5, false});
    progress_record_attempt(p, "w1-dot", &(Attempt){T0 - 3600, 3, 5, true});
    progress_record_attempt(p, "w1-dot", &(Attempt){T0 - 60, 5, 5, true});
    progress_record_attempt(p, "w2-qr", &(Attempt){T0 - 86400 * 3, 2, 9, true});
    ExerciseRecord *e = progress_exercise(p, "w1-dot");
    e->hints_used = 2;
    e->solution_seen = true;
    progress_add_time(p, "exercise", "w1-dot", 93.25);
    progress_add_time(p, "exercise", "w1-dot", 0.125);
    LessonRecord *l = progress_lesson(p, "w1-vectors");
    l->read = T0 - 86400;
    progress_add_time(p, "lesson", "w1-vectors", 1234.5);
    progress_add_time(p, "lesson", "w2-unread", 60);
    progress_record_answer(p, "w1-q-norm", "5", false);
    progress_record_answer(p, "w1-q-norm", "sqrt(2) ≈ 1.414", true);
    progress_answer(p, "w1-q-norm")->first_correct = T0 - 30; /* fixed: "now" may tick */
    progress_answer(p, "w1-q-never")->tries = 0;
    progress_touch_day(p, T0 - 86400 * 10);
    return 0;
}

static void same_record(const Progress *a, const Progress *b)
{
    ck_assert_str_eq(a->learner, b->learner);
    ck_assert_pstr_eq(a->track, b->track);
    ck_assert_int_eq(a->nexercises, b->nexercises);
    for (int i = 0; i < a->nexercises; i++) {
        const ExerciseRecord *x = &a->exercises[i];
        const ExerciseRecord *y = progress_find_exercise(b, x->id);
        ck_assert_msg(y != NULL, "exercise %s lost", x->id);
        ck_assert_int_eq(x->attempts, y->attempts);
        ck_assert_int_eq(x->nrecent, y->nrecent);
        for (int k = 0; k < x->nrecent; k++) {
            ck_assert_int_eq((long long)x->recent[k].time, (long long)y->recent[k].time);
            ck_assert_int_eq(x->recent[k].passed, y->recent[k].passed);
            ck_assert_int_eq(x->recent[k].total, y->recent[k].total);
            ck_assert_int_eq(x->recent[k].compiled, y->recent[k].compiled);
        }
        ck_assert_int_eq((long long)x->first_pass, (long long)y->first_pass);
        ck_assert_int_eq(x->hints_used, y->hints_used);
        ck_assert_int_eq(x->solution_seen, y->solution_seen);
        ck_assert_double_eq(x->seconds, y->seconds);
    }
    ck_assert_int_eq(a->nlessons, b->nlessons);
    for (int i = 0; i < a->nlessons; i++) {
        const LessonRecord *y = progress_find_lesson(b, a->lessons[i].id);
        ck_assert_msg(y != NULL, "lesson %s lost", a->lessons[i].id);
        ck_assert_int_eq((long long)a->lessons[i].read, (long long)y->read);
        ck_assert_double_eq(a->lessons[i].seconds, y->seconds);
    }
    ck_assert_int_eq(a->nanswers, b->nanswers);
    for (int i = 0; i < a->nanswers; i++) {
        const AnswerRecord *y = progress_find_answer(b, a->answers[i].id);
        ck_assert_msg(y != NULL, "answer %s lost", a->answers[i].id);
        ck_assert_int_eq(a->answers[i].tries, y->tries);
        ck_assert_int_eq(a->answers[i].correct, y->correct);
        ck_assert_int_eq((long long)a->answers[i].first_correct, (long long)y->first_correct);
        ck_assert_pstr_eq(a->answers[i].last, y->last);
    }
    ck_assert_int_eq(a->ndays, b->ndays);
    for (int i = 0; i < a->ndays; i++) ck_assert_str_eq(a->days[i], b->days[i]);
}

/* ---------------------------------------------------------------------------------------- */
/* Core.                                                                                     */

START_TEST(test_empty_dir)
{
    Progress *p = load_ok(dir, "bea"); /* the folder does not even exist */
    ck_assert_str_eq(p->learner, "bea");
    ck_assert_ptr_null(p->track);
    ck_assert_int_eq(p->nexercises + p->nlessons + p->nanswers + p->ndays, 0);
    ck_assert_int_eq((long long)p->created, 0);
    ck_assert_int_eq((long long)p->updated, 0);
    ck_assert_ptr_null(progress_find_exercise(p, "w1-dot"));
    ck_assert_int_eq(progress_streak(p, time(NULL)), 0);
    progress_free(p);
    ck_assert_msg(!exists(dir), "loading must not create anything");

    ck_assert_int_eq(mkdir(dir, 0777), 0);
    p = load_ok(dir, "bea");
    ck_assert_int_eq(p->nexercises, 0);
    progress_free(p);
    ck_assert_int_eq(only_names(dir, NULL, 0), 0);
}
END_TEST

START_TEST(test_path)
{
    char *s = progress_path("progress", "bea");
    ck_assert_str_eq(s, "progress/bea.json");
    free(s);
    s = progress_path("/tmp/x/", "Bea_2.x-y");
    ck_assert_str_eq(s, "/tmp/x/Bea_2.x-y.json");
    free(s);
    ck_assert_ptr_null(progress_path("progress", "../bea"));
    ck_assert_ptr_null(progress_path(NULL, "bea"));
}
END_TEST

START_TEST(test_roundtrip)
{
    time_t before = time(NULL);
    update_ok("bea", fill_everything, NULL);
    time_t after = time(NULL);

    char err[256];
    char *notice = NULL;
    Progress *want = progress_load(root, "nobody", &notice, err, sizeof err); /* empty */
    ck_assert_ptr_nonnull(want);
    free(want->learner);
    want->learner = strdup("bea");
    fill_everything(want, NULL);

    Progress *got = load_ok(dir, "bea");
    same_record(want, got);
    ck_assert_int_ge((long long)got->created, (long long)before);
    ck_assert_int_le((long long)got->created, (long long)after);
    ck_assert_int_eq((long long)got->updated, (long long)got->created);

    /* a few values spelled out, so that a field lost on both sides is still caught */
    const ExerciseRecord *e = progress_find_exercise(got, "w1-dot");
    ck_assert_int_eq(e->attempts, 3);
    ck_assert_int_eq(e->nrecent, 3);
    ck_assert_int_eq((long long)e->recent[0].time, (long long)(T0 - 7200));
    ck_assert(!e->recent[0].compiled && e->recent[2].compiled);
    ck_assert_int_eq((long long)e->first_pass, (long long)(T0 - 60));
    ck_assert_int_eq(e->hints_used, 2);
    ck_assert(e->solution_seen);
    ck_assert_double_eq(e->seconds, 93.375);
    ck_assert_int_eq((long long)progress_find_exercise(got, "w2-qr")->first_pass, 0);
    ck_assert_int_eq((long long)progress_find_lesson(got, "w1-vectors")->read,
                     (long long)(T0 - 86400));
    ck_assert_int_eq((long long)progress_find_lesson(got, "w2-unread")->read, 0);
    ck_assert_str_eq(progress_find_answer(got, "w1-q-norm")->last, "sqrt(2) ≈ 1.414");
    ck_assert_ptr_null(progress_find_answer(got, "w1-q-never")->last);
    ck_assert_str_eq(got->track, "nlp");
    const time_t active[] = {T0 - 60, T0 - 86400 * 3, T0 - 86400 * 10, time(NULL)};
    for (size_t i = 0; i < sizeof active / sizeof *active; i++) {
        char day[11];
        struct tm tm;
        localtime_r(&active[i], &tm);
        strftime(day, sizeof day, "%Y-%m-%d", &tm);
        bool found = false;
        for (int k = 0; k < got->ndays; k++) found |= strcmp(got->days[k], day) == 0;
        ck_assert_msg(found, "active day %s missing", day);
    }

    /* the file itself has the documented shape */
    char *text = read_text(file, NULL);
    cJSON *root_json = cJSON_Parse(text);
    ck_assert_ptr_nonnull(root_json);
    const char *top[] = {"format", "learner", "created", "updated", "track",
                         "exercises", "lessons", "answers", "days"};
    for (size_t i = 0; i < sizeof top / sizeof *top; i++)
        ck_assert_msg(cJSON_HasObjectItem(root_json, top[i]), "no \"%s\" in the file", top[i]);
    ck_assert_int_eq(cJSON_GetObjectItem(root_json, "format")->valueint, 1);
    ck_assert_str_eq(cJSON_GetObjectItem(root_json, "learner")->valuestring, "bea");
    const char *created = cJSON_GetObjectItem(root_json, "created")->valuestring;
    ck_assert_uint_eq(strlen(created), 20);
    ck_assert(created[10] == 'T' && created[19] == 'Z');
    const cJSON *a0 = cJSON_GetArrayItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root_json, "exercises"),
                                                "w1-dot"),
                            "recent"),
        0);
    ck_assert_str_eq(cJSON_GetObjectItem(a0, "time")->valuestring, "2026-11-29T10:00:00Z");
    cJSON_Delete(root_json);
    free(text);

    /* a later save keeps created */
    sleep(1);
    update_ok("bea", add_attempt, NULL);
    Progress *again = load_ok(dir, "bea");
    ck_assert_int_eq((long long)again->created, (long long)got->created);
    ck_assert_int_gt((long long)again->updated, (long long)got->updated);
    ck_assert_int_eq(progress_find_exercise(again, "w1-dot")->attempts, 4);
    progress_free(again);
    progress_free(got);
    progress_free(want);
}
END_TEST

START_TEST(test_atomic_save_leaves_nothing_behind)
{
    for (int i = 0; i < 10; i++) update_ok("bea", add_attempt, NULL);
    const char *allowed[] = {"bea.json", "bea.json.bak", "bea.json.lock"};
    ck_assert_int_eq(only_names(dir, allowed, 3), 3);

    /* an abandoned transaction writes nothing */
    update_ok("cy", abandon, NULL);
    char cy[160];
    snprintf(cy, sizeof cy, "%s/cy.json", dir);
    ck_assert_msg(!exists(cy), "an abandoned update must not save");
    update_ok("bea", abandon, NULL);
    ck_assert_int_eq(attempts_in_file(file), 10);
    ck_assert_int_eq(attempts_in_file(bakfile), 9);
}
END_TEST

START_TEST(test_bak_kept)
{
    update_ok("bea", add_attempt, NULL);
    ck_assert_msg(!exists(bakfile), "no .bak before there is a previous file");
    update_ok("bea", add_attempt, NULL);
    update_ok("bea", add_attempt, NULL);
    ck_assert_int_eq(attempts_in_file(file), 3);
    ck_assert_int_eq(attempts_in_file(bakfile), 2);

    /* the .bak is a whole record: load it as another learner's file */
    char other[160], copy[192];
    snprintf(other, sizeof other, "%s/other", root);
    ck_assert_int_eq(mkdir(other, 0777), 0);
    snprintf(copy, sizeof copy, "%s/bea.json", other);
    size_t len;
    char *bytes = read_text(bakfile, &len);
    write_bytes(copy, bytes, len);
    free(bytes);
    Progress *p = load_ok(other, "bea");
    ck_assert_int_eq(progress_find_exercise(p, "w1-dot")->attempts, 2);
    progress_free(p);
}
END_TEST

START_TEST(test_first_pass_rules)
{
    char err[128];
    Progress *p = progress_load(dir, "bea", NULL, err, sizeof err);
    progress_record_attempt(p, "x", &(Attempt){T0 + 1, 4, 4, false}); /* did not compile */
    progress_record_attempt(p, "x", &(Attempt){T0 + 2, 0, 0, true});  /* ran no test */
    progress_record_attempt(p, "x", &(Attempt){T0 + 3, 3, 4, true});  /* one failed */
    const ExerciseRecord *e = progress_find_exercise(p, "x");
    ck_assert_int_eq(e->attempts, 3);
    ck_assert_int_eq((long long)e->first_pass, 0);
    progress_record_attempt(p, "x", &(Attempt){T0 + 4, 4, 4, true});
    progress_record_attempt(p, "x", &(Attempt){T0 + 5, 4, 4, true});
    ck_assert_int_eq((long long)e->first_pass, (long long)(T0 + 4));
    ck_assert_int_eq(e->attempts, 5);

    /* an attempt without a time is stamped now */
    time_t before = time(NULL);
    progress_record_attempt(p, "y", &(Attempt){0, 1, 1, true});
    e = progress_find_exercise(p, "y");
    ck_assert_int_ge((long long)e->recent[0].time, (long long)before);
    ck_assert_int_eq((long long)e->first_pass, (long long)e->recent[0].time);
    progress_free(p);
}
END_TEST

/* 120 attempts, then 5 more in a second transaction: passed = the attempt's number. */
static int many_attempts(Progress *p, void *ctx)
{
    int *next = ctx, n = *next == 0 ? 120 : 5;
    for (int i = 0; i < n; i++, (*next)++)
        progress_record_attempt(p, "w1-dot", &(Attempt){T0 + *next, *next, 1000, true});
    return 0;
}

START_TEST(test_recent_capped)
{
    int next = 0;
    update_ok("bea", many_attempts, &next);
    Progress *p = load_ok(dir, "bea");
    const ExerciseRecord *e = progress_find_exercise(p, "w1-dot");
    ck_assert_int_eq(e->attempts, 120);
    ck_assert_int_eq(e->nrecent, PROGRESS_MAX_ATTEMPTS);
    ck_assert_int_eq(e->recent[0].passed, 120 - PROGRESS_MAX_ATTEMPTS); /* oldest kept */
    ck_assert_int_eq(e->recent[PROGRESS_MAX_ATTEMPTS - 1].passed, 119);
    for (int k = 1; k < e->nrecent; k++) /* in order, none missing */
        ck_assert_int_eq(e->recent[k].passed, e->recent[k - 1].passed + 1);
    progress_free(p);

    update_ok("bea", many_attempts, &next);
    p = load_ok(dir, "bea");
    e = progress_find_exercise(p, "w1-dot");
    ck_assert_int_eq(e->attempts, 125);
    ck_assert_int_eq(e->nrecent, PROGRESS_MAX_ATTEMPTS);
    ck_assert_int_eq(e->recent[0].passed, 125 - PROGRESS_MAX_ATTEMPTS);
    ck_assert_int_eq((long long)e->recent[PROGRESS_MAX_ATTEMPTS - 1].time, (long long)(T0 + 124));
    progress_free(p);
}
END_TEST

START_TEST(test_answers_reading_time)
{
    char err[128];
    Progress *p = progress_load(dir, "bea", NULL, err, sizeof err);
    time_t before = time(NULL);
    progress_record_answer(p, "q", "3", false);
    const AnswerRecord *a = progress_find_answer(p, "q");
    ck_assert_int_eq(a->tries, 1);
    ck_assert(!a->correct);
    ck_assert_int_eq((long long)a->first_correct, 0);
    progress_record_answer(p, "q", "4", true);
    time_t first = a->first_correct;
    ck_assert_int_ge((long long)first, (long long)before);
    progress_record_answer(p, "q", NULL, false);
    ck_assert_int_eq(a->tries, 3);
    ck_assert(!a->correct);
    ck_assert_int_eq((long long)a->first_correct, (long long)first);
    ck_assert_str_eq(a->last, "");

    progress_mark_read(p, "l");
    LessonRecord *l = progress_lesson(p, "l");
    ck_assert_int_ge((long long)l->read, (long long)before);
    l->read = T0; /* read long ago: a second reading keeps the first time */
    progress_mark_read(p, "l");
    ck_assert_int_eq((long long)l->read, (long long)T0);

    progress_add_time(p, "lesson", "l", 10);
    progress_add_time(p, "lesson", "l", 2.5);
    progress_add_time(p, "lesson", "l", -4);
    progress_add_time(p, "lesson", "l", NAN);
    progress_add_time(p, "lesson", "l", INFINITY);
    progress_add_time(p, "video", "l", 99);
    progress_add_time(p, "exercise", "e", 7);
    ck_assert_double_eq(progress_find_lesson(p, "l")->seconds, 12.5);
    ck_assert_double_eq(progress_find_exercise(p, "e")->seconds, 7);
    ck_assert_int_eq(progress_find_exercise(p, "e")->attempts, 0);
    ck_assert_int_eq(p->nlessons, 1);

    char today[11];
    struct tm tm;
    time_t now = time(NULL);
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    ck_assert_int_eq(p->ndays, 1); /* every change marked the same day, once */
    ck_assert_str_eq(p->days[0], today);
    progress_free(p);
}
END_TEST

START_TEST(test_touch_day)
{
    char err[128];
    Progress *p = progress_load(dir, "bea", NULL, err, sizeof err);
    progress_touch_day(p, local_noon(2026, 3, 1));
    progress_touch_day(p, local_noon(2026, 2, 27));
    progress_touch_day(p, local_noon(2026, 3, 1) + 3600);
    progress_touch_day(p, local_noon(2025, 12, 31));
    progress_touch_day(p, local_noon(2026, 2, 28));
    progress_touch_day(p, local_noon(2026, 2, 27) - 11 * 3600); /* same day, early morning */
    const char *want[] = {"2025-12-31", "2026-02-27", "2026-02-28", "2026-03-01"};
    ck_assert_int_eq(p->ndays, 4);
    for (int i = 0; i < 4; i++) ck_assert_str_eq(p->days[i], want[i]);
    progress_free(p);
}
END_TEST

typedef struct {
    const char *days[8];
    int y, m, d; /* "now" */
    int streak;
} StreakCase;

static const StreakCase streaks[] = {
    {{NULL}, 2026, 3, 1, 0},
    {{"2026-02-24", "2026-02-25", "2026-02-27", "2026-02-28", "2026-03-01"}, 2026, 3, 1, 3},
    {{"2026-02-24", "2026-02-25", "2026-02-27", "2026-02-28"}, 2026, 3, 1, 2}, /* ends yesterday */
    {{"2026-02-27", "2026-02-28", "2026-03-01"}, 2026, 3, 2, 3},
    {{"2026-02-27", "2026-02-28", "2026-03-01"}, 2026, 3, 3, 0}, /* two days without */
    {{"2026-02-27", "2026-02-28", "2026-03-01", "2026-03-05"}, 2026, 3, 1, 3}, /* future day */
    {{"2025-12-30", "2025-12-31", "2026-01-01"}, 2026, 1, 1, 3},
    {{"2028-02-28", "2028-03-01"}, 2028, 3, 1, 1},               /* 2028 has a 29 February */
    {{"2027-02-28", "2027-03-01"}, 2027, 3, 1, 2},               /* 2027 does not */
    {{"2026-03-01"}, 2026, 3, 1, 1},
};

START_TEST(test_streak)
{
    const StreakCase *c = &streaks[_i];
    char err[128];
    Progress *p = progress_load(dir, "bea", NULL, err, sizeof err);
    for (int k = 0; k < 8 && c->days[k]; k++) {
        int y, m, d;
        ck_assert_int_eq(sscanf(c->days[k], "%d-%d-%d", &y, &m, &d), 3);
        progress_touch_day(p, local_noon(y, m, d));
    }
    time_t now = local_noon(c->y, c->m, c->d);
    ck_assert_msg(progress_streak(p, now) == c->streak, "case %d: streak %d, expected %d", _i,
                  progress_streak(p, now), c->streak);
    ck_assert_int_eq(progress_streak(p, now + 11 * 3600), c->streak); /* late evening */
    progress_free(p);
}
END_TEST

START_TEST(test_unknown_fields_and_hand_written)
{
    ck_assert_int_eq(mkdir(dir, 0777), 0);
    write_text(file,
               "{ \"format\": 1, \"learner\": \"someone-else\", \"theme\": \"dark\",\n"
               "  \"created\": \"2026-11-01T08:00:00Z\", \"updated\": null,\n"
               "  \"track\": \"vision\",\n"
               "  \"exercises\": { \"w1-dot\": { \"attempts\": 7, \"colour\": 3,\n"
               "      \"recent\": [ { \"time\": \"2026-11-02T09:30:00Z\", \"passed\": 2,\n"
               "                    \"total\": 2, \"compiled\": true, \"ms\": 12 } ],\n"
               "      \"first_pass\": \"2026-11-02T09:30:00Z\" } },\n"
               "  \"lessons\": { \"w1-intro\": { \"read\": null, \"seconds\": 30 } },\n"
               "  \"answers\": { \"q\": { \"tries\": 1, \"correct\": false } },\n"
               "  \"days\": [ \"2026-11-02\", \"2026-11-01\", \"2026-11-02\" ],\n"
               "  \"future\": { \"anything\": [1, 2, 3] } }\n");
    Progress *p = load_ok(dir, "bea");
    ck_assert_str_eq(p->learner, "bea"); /* the file name decides */
    ck_assert_str_eq(p->track, "vision");
    ck_assert_int_eq((long long)p->created, 1793520000LL); /* 2026-11-01T08:00:00Z */
    ck_assert_int_eq((long long)p->updated, 0);
    const ExerciseRecord *e = progress_find_exercise(p, "w1-dot");
    ck_assert_int_eq(e->attempts, 7);
    ck_assert_int_eq(e->nrecent, 1);
    ck_assert_int_eq((long long)e->recent[0].time, 1793611800LL);
    ck_assert_int_eq((long long)e->first_pass, 1793611800LL);
    ck_assert_int_eq(e->hints_used, 0);
    ck_assert_double_eq(progress_find_lesson(p, "w1-intro")->seconds, 30);
    ck_assert_int_eq(progress_find_answer(p, "q")->tries, 1);
    ck_assert_int_eq(p->ndays, 2);
    ck_assert_str_eq(p->days[0], "2026-11-01");
    ck_assert_str_eq(p->days[1], "2026-11-02");
    progress_free(p);
}
END_TEST

/* ---------------------------------------------------------------------------------------- */
/* Errors.                                                                                   */

typedef struct {
    const char *name;
    const char *bytes;
    size_t len;  /* 0: strlen(bytes) */
    const char *says; /* part of the reason the notice gives */
} Damage;

static const Damage damages[] = {
    {"garbage", "\x7f\x45LF\x01\x02 this is not json", 0, "unexpected"},
    {"truncated", "{\n  \"format\": 1,\n  \"exercises\": {\n    \"w1-dot\": {\"attempts\": 4", 0,
     "line 4: unexpected end of input"},
    {"array", "[1, 2, 3]", 0, "array"},
    {"empty", "", 0, "empty"},
    {"wrong shape", "{\"format\": 1, \"exercises\": [\"w1-dot\"]}", 0, "exercises"},
    {"bad count", "{\"format\": 1, \"exercises\": {\"w1-dot\": {\"attempts\": \"9\"}}}", 0,
     "exercises.w1-dot.attempts"},
    {"bad time", "{\"format\": 1, \"created\": \"yesterday\"}", 0, "created"},
    {"bad day", "{\"format\": 1, \"days\": [\"2026-02-30\"]}", 0, "days[0]"},
    {"no format", "{\"exercises\": {}}", 0, "format"},
    {"old format", "{\"format\": 0}", 0, "format"},
    {"trailing text", "{\"format\": 1} and more", 0, "unexpected"},
    {"NUL byte", "{\"format\": 1}\0{\"x\"", 18, "byte 0x00"},
};

START_TEST(test_corrupt_restores_bak)
{
    const Damage *d = &damages[_i];
    two_saves();
    size_t len = d->len ? d->len : strlen(d->bytes);
    write_bytes(file, d->bytes, len);

    char err[512] = "";
    char *notice = NULL;
    Progress *p = progress_load(dir, "bea", &notice, err, sizeof err);
    ck_assert_msg(p != NULL, "%s: load failed: %s", d->name, err);
    ck_assert_msg(notice != NULL, "%s: no notice", d->name);
    ck_assert_msg(strstr(notice, d->says), "%s: notice does not say \"%s\": %s", d->name,
                  d->says, notice);
    ck_assert_msg(strstr(notice, "was restored"), "%s: %s", d->name, notice);
    ck_assert_msg(strstr(notice, file) == notice, "%s: notice should start with the file: %s",
                  d->name, notice);

    /* the damaged bytes are kept, named in the notice; the .bak is back in place */
    char kept[600];
    ck_assert_int_eq(count_prefix(dir, "bea.json.corrupt-", kept, sizeof kept), 1);
    ck_assert_msg(strstr(notice, kept), "%s: notice does not name %s", d->name, kept);
    const char *stamp = strstr(kept, "corrupt-") + 8;
    ck_assert_uint_eq(strlen(stamp), 16); /* YYYYMMDDTHHMMSSZ */
    ck_assert(stamp[8] == 'T' && stamp[15] == 'Z');
    size_t keptlen;
    char *keptbytes = read_text(kept, &keptlen);
    ck_assert_uint_eq(keptlen, len);
    ck_assert(memcmp(keptbytes, d->bytes, len) == 0);
    free(keptbytes);

    ck_assert_int_eq(progress_find_exercise(p, "w1-dot")->attempts, 1);
    ck_assert_int_eq(attempts_in_file(file), 1);
    ck_assert_int_eq(attempts_in_file(bakfile), 1);
    const char *allowed[] = {"bea.json", "bea.json.bak", "bea.json.lock", kept + strlen(dir) + 1};
    ck_assert_int_eq(only_names(dir, allowed, 4), 4);
    free(notice);
    progress_free(p);

    /* and the next load is quiet */
    progress_free(load_ok(dir, "bea"));
}
END_TEST

START_TEST(test_corrupt_without_bak)
{
    ck_assert_int_eq(mkdir(dir, 0777), 0);
    write_text(file, "{\"format\": 1, \"exercises\": {");
    char err[512] = "";
    char *notice = NULL;
    Progress *p = progress_load(dir, "bea", &notice, err, sizeof err);
    ck_assert_msg(p != NULL, "%s", err);
    ck_assert_ptr_nonnull(notice);
    ck_assert_msg(strstr(notice, "starts afresh"), "%s", notice);
    ck_assert_int_eq(p->nexercises, 0);
    ck_assert_str_eq(p->learner, "bea");
    ck_assert_int_eq(count_prefix(dir, "bea.json.corrupt-", NULL, 0), 1);
    ck_assert(!exists(file));
    free(notice);
    progress_free(p);

    /* the record goes on from empty */
    update_ok("bea", add_attempt, NULL);
    ck_assert_int_eq(attempts_in_file(file), 1);
    ck_assert_int_eq(count_prefix(dir, "bea.json.corrupt-", NULL, 0), 1);
}
END_TEST

START_TEST(test_corrupt_bak_too)
{
    two_saves();
    write_text(file, "not json");
    write_text(bakfile, "[\"neither\"]");
    char err[512] = "";
    char *notice = NULL;
    Progress *p = progress_load(dir, "bea", &notice, err, sizeof err);
    ck_assert_msg(p != NULL, "%s", err);
    ck_assert_ptr_nonnull(notice);
    ck_assert_msg(strstr(notice, "backup") && strstr(notice, "starts afresh"), "%s", notice);
    ck_assert_int_eq(p->nexercises, 0);
    char kept[600];
    ck_assert_int_eq(count_prefix(dir, "bea.json.bak.corrupt-", kept, sizeof kept), 1);
    char *text = read_text(kept, NULL);
    ck_assert_str_eq(text, "[\"neither\"]");
    free(text);
    ck_assert_int_eq(count_prefix(dir, "bea.json.corrupt-", kept, sizeof kept), 1);
    text = read_text(kept, NULL);
    ck_assert_str_eq(text, "not json");
    free(text);
    ck_assert(!exists(file) && !exists(bakfile));
    free(notice);
    progress_free(p);
}
END_TEST

START_TEST(test_corrupt_during_update)
{
    two_saves();
    write_text(file, "{\"format\": 1, \"exercises\": {\"w1-dot\": ");
    char err[512] = "";
    char *notice = NULL;
    int rc = progress_update(dir, "bea", add_attempt, NULL, &notice, err, sizeof err);
    ck_assert_msg(rc == 0, "%s", err);
    ck_assert_ptr_nonnull(notice);
    ck_assert_msg(strstr(notice, "was restored"), "%s", notice);
    free(notice);
    ck_assert_int_eq(attempts_in_file(file), 2); /* the .bak's 1, plus this one */
    ck_assert_int_eq(attempts_in_file(bakfile), 1);
    ck_assert_int_eq(count_prefix(dir, "bea.json.corrupt-", NULL, 0), 1);

    /* a second damage the same second gets its own name */
    write_text(file, "oops");
    Progress *p = progress_load(dir, "bea", &notice, err, sizeof err);
    ck_assert_ptr_nonnull(p);
    free(notice);
    progress_free(p);
    ck_assert_int_eq(count_prefix(dir, "bea.json.corrupt-", NULL, 0), 2);
}
END_TEST

static const char *bad_names[] = {
    "", ".", "..", "../bea", "a/b", "/etc/passwd", ".hidden", "bea\n", "b e a", "béa",
    "bea*", "~bea",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /* 65 */
};

START_TEST(test_bad_learner_names)
{
    const char *name = bad_names[_i];
    char err[512] = "";
    char *notice = NULL;
    ck_assert_ptr_null(progress_load(dir, name, &notice, err, sizeof err));
    ck_assert_msg(err[0] != '\0', "no message for \"%s\"", name);
    ck_assert_msg(strstr(err, "learner name"), "%s", err);
    err[0] = '\0';
    ck_assert_int_eq(progress_update(dir, name, add_attempt, NULL, &notice, err, sizeof err), -1);
    ck_assert_msg(err[0] != '\0', "no message for \"%s\"", name);
    ck_assert_ptr_null(progress_path(dir, name));
    ck_assert_ptr_null(notice);
    ck_assert_msg(!exists(dir), "nothing may be created for a bad name");
    ck_assert_int_eq(only_names(root, NULL, 0), 0);
}
END_TEST

START_TEST(test_good_learner_names)
{
    const char *good[] = {"bea", "Beatriz", "bea.s", "bea_2", "b-e-a", "x", "B.", "0",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 64 */};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        update_ok(good[i], add_attempt, NULL);
        Progress *p = load_ok(dir, good[i]);
        ck_assert_int_eq(progress_find_exercise(p, "w1-dot")->attempts, 1);
        progress_free(p);
    }
    ck_assert_ptr_null(progress_load(dir, NULL, NULL, NULL, 0)); /* NULL err is fine */
}
END_TEST

START_TEST(test_newer_format_refused)
{
    ck_assert_int_eq(mkdir(dir, 0777), 0);
    const char *newer = "{\"format\": 2, \"exercises\": \"kept elsewhere\"}\n";
    write_text(file, newer);
    char err[512] = "";
    char *notice = NULL;
    ck_assert_ptr_null(progress_load(dir, "bea", &notice, err, sizeof err));
    ck_assert_msg(strstr(err, "newer") && strstr(err, "format 2"), "%s", err);
    ck_assert_ptr_null(notice);

    int called = 0;
    err[0] = '\0';
    ck_assert_int_eq(progress_update(dir, "bea", count_call, &called, &notice, err, sizeof err),
                     -1);
    ck_assert_msg(strstr(err, "newer"), "%s", err);
    ck_assert_int_eq(called, 0);
    char *text = read_text(file, NULL);
    ck_assert_str_eq(text, newer);
    free(text);
    const char *allowed[] = {"bea.json", "bea.json.lock"};
    ck_assert_int_eq(only_names(dir, allowed, 2), 2);
}
END_TEST

START_TEST(test_newer_bak_stops_recovery)
{
    two_saves();
    write_text(file, "garbage");
    write_text(bakfile, "{\"format\": 3}");
    char err[512] = "";
    char *notice = NULL;
    ck_assert_ptr_null(progress_load(dir, "bea", &notice, err, sizeof err));
    ck_assert_msg(strstr(err, "newer"), "%s", err);
    char *text = read_text(file, NULL);
    ck_assert_str_eq(text, "garbage"); /* nothing changed */
    free(text);
    ck_assert_int_eq(count_prefix(dir, "bea.json.corrupt-", NULL, 0), 0);
}
END_TEST

START_TEST(test_io_errors)
{
    char err[512] = "";
    char *notice = NULL;
    /* the folder is a file */
    write_text(dir, "I am not a folder");
    ck_assert_int_eq(progress_update(dir, "bea", add_attempt, NULL, &notice, err, sizeof err),
                     -1);
    ck_assert_msg(strstr(err, dir), "%s", err);
    ck_assert_int_eq(unlink(dir), 0);

    /* the record is a folder */
    ck_assert_int_eq(mkdir(dir, 0777), 0);
    ck_assert_int_eq(mkdir(file, 0777), 0);
    err[0] = '\0';
    ck_assert_ptr_null(progress_load(dir, "bea", &notice, err, sizeof err));
    ck_assert_msg(strstr(err, "folder"), "%s", err);
    ck_assert_int_eq(progress_update(dir, "bea", add_attempt, NULL, &notice, err, sizeof err),
                     -1);
    ck_assert_ptr_null(notice);

    /* no folder name, no change function */
    ck_assert_ptr_null(progress_load(NULL, "bea", &notice, err, sizeof err));
    ck_assert_ptr_null(progress_load("", "bea", &notice, err, sizeof err));
    ck_assert_int_eq(progress_update(dir, "bea", NULL, NULL, &notice, err, sizeof err), -1);
}
END_TEST

START_TEST(test_odd_input)
{
    progress_free(NULL);
    progress_record_attempt(NULL, "x", &(Attempt){0, 1, 1, true});
    progress_record_answer(NULL, "q", "1", true);
    progress_mark_read(NULL, "l");
    progress_add_time(NULL, "lesson", "l", 1);
    progress_touch_day(NULL, 0);
    ck_assert_int_eq(progress_streak(NULL, time(NULL)), 0);
    ck_assert_ptr_null(progress_exercise(NULL, "x"));
    ck_assert_ptr_null(progress_find_lesson(NULL, "x"));

    char err[128];
    Progress *p = progress_load(dir, "bea", NULL, err, sizeof err);
    progress_record_attempt(p, NULL, &(Attempt){0, 1, 1, true});
    progress_record_attempt(p, "x", NULL);
    progress_record_answer(p, NULL, "1", true);
    progress_add_time(p, NULL, "l", 1);
    progress_add_time(p, "lesson", NULL, 1);
    ck_assert_ptr_null(progress_exercise(p, NULL));
    ck_assert_int_eq(p->nexercises + p->nanswers + p->nlessons + p->ndays, 0);
    /* negative results are clamped, not stored */
    progress_record_attempt(p, "neg", &(Attempt){T0, -3, -1, true});
    const ExerciseRecord *e = progress_find_exercise(p, "neg");
    ck_assert_int_eq(e->recent[0].passed, 0);
    ck_assert_int_eq(e->recent[0].total, 0);
    ck_assert_int_eq((long long)e->first_pass, 0);
    progress_free(p);
}
END_TEST

/* ---------------------------------------------------------------------------------------- */
/* Concurrency.                                                                              */

#define WRITERS 4
#define UPDATES 200

static int one_more(Progress *p, void *ctx)
{
    (void)ctx;
    progress_record_attempt(p, "w1-dot", &(Attempt){0, 0, 3, true});
    return 0;
}

static void writer(int n)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        char err[512] = "";
        char *notice = NULL;
        if (progress_update(dir, "bea", one_more, NULL, &notice, err, sizeof err) != 0 || notice) {
            fprintf(stderr, "writer %d: %s%s\n", (int)getpid(), err, notice ? notice : "");
            bad = 1;
        }
        free(notice);
    }
    _exit(bad);
}

/* Starts n children running fn(arg); returns how many failed. */
static int run_children(int n, void (*fn)(int), int arg, pid_t *pids)
{
    for (int i = 0; i < n; i++) {
        pids[i] = fork();
        ck_assert_int_ne(pids[i], -1);
        if (pids[i] == 0) fn(arg);
    }
    int failed = 0;
    for (int i = 0; i < n; i++) {
        int status;
        ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
        failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    return failed;
}

START_TEST(test_two_writers)
{
    pid_t pids[WRITERS];
    ck_assert_int_eq(run_children(WRITERS, writer, UPDATES, pids), 0);
    Progress *p = load_ok(dir, "bea");
    const ExerciseRecord *e = progress_find_exercise(p, "w1-dot");
    ck_assert_int_eq(e->attempts, WRITERS * UPDATES); /* no update lost */
    ck_assert_int_eq(e->nrecent, PROGRESS_MAX_ATTEMPTS);
    progress_free(p);
    ck_assert_int_eq(attempts_in_file(bakfile), WRITERS * UPDATES - 1);
    const char *allowed[] = {"bea.json", "bea.json.bak", "bea.json.lock"};
    ck_assert_int_eq(only_names(dir, allowed, 3), 3);
}
END_TEST

/* Reads without the lock while others write: the file always holds a whole JSON document
   (saves are atomic renames), and every load gives a whole, growing record. */
static void reader(int total)
{
    int last = 0, bad = 0;
    for (long i = 0; i < 1000000 && last < total && !bad; i++) {
        char *text = read_text(file, NULL);
        cJSON *doc = text ? cJSON_Parse(text) : NULL;
        if (text && !doc) {
            fprintf(stderr, "reader: a torn file: \"%.40s\"\n", text);
            bad = 1;
        }
        cJSON_Delete(doc);
        free(text);
        char err[512] = "";
        char *notice = NULL;
        Progress *p = progress_load(dir, "bea", &notice, err, sizeof err);
        const ExerciseRecord *e = p ? progress_find_exercise(p, "w1-dot") : NULL;
        int now = e ? e->attempts : 0;
        if (!p || notice || now < last) {
            fprintf(stderr, "reader: %s %s (%d after %d)\n", err, notice ? notice : "", now, last);
            bad = 1;
        }
        last = now;
        free(notice);
        progress_free(p);
    }
    _exit(bad || last != total);
}

static void writer_half(int n) { writer(n / 2); }

START_TEST(test_readers_see_whole_files)
{
    pid_t rd, w[2];
    rd = fork();
    ck_assert_int_ne(rd, -1);
    if (rd == 0) reader(UPDATES);
    ck_assert_int_eq(run_children(2, writer_half, UPDATES, w), 0);
    int status;
    ck_assert_int_eq(waitpid(rd, &status, 0), rd);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the reader saw a bad record");
    Progress *p = load_ok(dir, "bea");
    ck_assert_int_eq(progress_find_exercise(p, "w1-dot")->attempts, UPDATES);
    progress_free(p);
}
END_TEST

/* ---------------------------------------------------------------------------------------- */

static Suite *progress_suite(void)
{
    Suite *s = suite_create("progress");

    TCase *core = tcase_create("Core");
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core, test_empty_dir);
    tcase_add_test(core, test_path);
    tcase_add_test(core, test_roundtrip);
    tcase_add_test(core, test_atomic_save_leaves_nothing_behind);
    tcase_add_test(core, test_bak_kept);
    tcase_add_test(core, test_first_pass_rules);
    tcase_add_test(core, test_recent_capped);
    tcase_add_test(core, test_answers_reading_time);
    tcase_add_test(core, test_touch_day);
    tcase_add_loop_test(core, test_streak, 0, (int)(sizeof streaks / sizeof *streaks));
    tcase_add_test(core, test_unknown_fields_and_hand_written);
    tcase_set_timeout(core, 30);
    suite_add_tcase(s, core);

    TCase *errors = tcase_create("Errors");
    tcase_add_checked_fixture(errors, setup, teardown);
    tcase_add_loop_test(errors, test_corrupt_restores_bak, 0,
                        (int)(sizeof damages / sizeof *damages));
    tcase_add_test(errors, test_corrupt_without_bak);
    tcase_add_test(errors, test_corrupt_bak_too);
    tcase_add_test(errors, test_corrupt_during_update);
    tcase_add_loop_test(errors, test_bad_learner_names, 0,
                        (int)(sizeof bad_names / sizeof *bad_names));
    tcase_add_test(errors, test_good_learner_names);
    tcase_add_test(errors, test_newer_format_refused);
    tcase_add_test(errors, test_newer_bak_stops_recovery);
    tcase_add_test(errors, test_io_errors);
    tcase_add_test(errors, test_odd_input);
    tcase_set_timeout(errors, 30);
    suite_add_tcase(s, errors);

    TCase *conc = tcase_create("Concurrency");
    tcase_add_checked_fixture(conc, setup, teardown);
    tcase_add_test(conc, test_two_writers);
    tcase_add_test(conc, test_readers_see_whole_files);
    tcase_set_timeout(conc, 300);
    suite_add_tcase(s, conc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(progress_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
