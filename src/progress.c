/*
 * progress.c — the learner's record on disk: progress/<learner>.json (format v1, documented in
 * progress/FORMAT.md). Reads and checks the JSON, recovers from a damaged file, and saves every
 * change as a locked, atomic transaction. See progress.h for the theory of operation.
 *
 * Files beside <learner>.json, all in the same folder:
 *   <learner>.json.lock              flock'd by every transaction; never removed
 *   <learner>.json.bak               the previous good file (a hard link, or a copy)
 *   <learner>.json.tmp.<pid>         a save in flight; renamed over the file when complete
 *   <learner>.json.corrupt-<UTC>     a file that could not be read, kept for the learner
 *   <learner>.json.bak.corrupt-<UTC> the same for a backup that could not be read
 * Nothing here ever deletes a learner's data: a damaged file gets a second name before its
 * first one is reused.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* flock, fsync, link, gmtime_r, localtime_r */
#endif

#include "progress.h"
#include "util.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define FORMAT_VERSION 1
#define LEARNER_MAX 64
#define FILE_MAX ((size_t)64 << 20) /* no honest record comes near this */

/* ---------------------------------------------------------------------------------------- */
/* Error text into the caller's buffer. Allocation and formatting are util.h's.             */

static void seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------------------------------- */
/* Dates and times. Stored times are UTC "YYYY-MM-DDTHH:MM:SSZ"; active days are the        */
/* learner's local calendar dates "YYYY-MM-DD". Calendar arithmetic is done on day numbers   */
/* (days since 1970-01-01 in the proleptic Gregorian calendar), never through the TZ rules.  */

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static bool valid_date(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

/* Days since 1970-01-01 of the date y-m-d (H. Hinnant's days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                /* [0, 399] */
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;        /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* Reads exactly n decimal digits. */
static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* Writes v as exactly n decimal digits (0 <= v < 10^n). */
static void put_digits(char *s, int v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10) s[i] = (char)('0' + v % 10);
}

/* "YYYY-MM-DD" of a broken-down time into buf[11]; false outside years 0–9999. */
static bool put_date(const struct tm *tm, char buf[11])
{
    int y = tm->tm_year + 1900;
    if (tm->tm_year < -1900 || tm->tm_year > 9999 - 1900) return false;
    memcpy(buf, "YYYY-MM-DD", 11);
    put_digits(buf, y, 4);
    put_digits(buf + 5, tm->tm_mon + 1, 2);
    put_digits(buf + 8, tm->tm_mday, 2);
    return true;
}

/* "YYYY-MM-DD" → day number. */
static bool parse_day(const char *s, long *daynum)
{
    int y, m, d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d)) return false;
    if (!valid_date(y, m, d)) return false;
    *daynum = days_from_civil(y, m, d);
    return true;
}

/* "YYYY-MM-DDTHH:MM:SSZ" → seconds since the epoch. */
static bool parse_utc(const char *s, time_t *t)
{
    int y, mo, d, h, mi, se;
    if (!s || strlen(s) != 20) return false;
    if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        s[19] != 'Z')
        return false;
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) ||
        !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se))
        return false;
    if (!valid_date(y, mo, d) || h > 23 || mi > 59 || se > 59) return false;
    *t = (time_t)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    return true;
}

/* t → "YYYY-MM-DDTHH:MM:SSZ" in buf[21]; false when t is not a representable time. */
static bool format_utc(time_t t, char buf[21])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !put_date(&tm, buf)) return false;
    memcpy(buf + 10, "THH:MM:SSZ", 11);
    put_digits(buf + 11, tm.tm_hour, 2);
    put_digits(buf + 14, tm.tm_min, 2);
    put_digits(buf + 17, tm.tm_sec, 2);
    return true;
}

/* The learner's local date of t as "YYYY-MM-DD" in buf[11] and as a day number. */
static bool local_day(time_t t, char buf[11], long *daynum)
{
    struct tm tm;
    char tmp[11];
    if (!localtime_r(&t, &tm) || !put_date(&tm, buf ? buf : tmp)) return false;
    if (daynum) *daynum = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* Names and paths.                                                                          */

static bool learner_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

/* A learner name is 1–64 of [A-Za-z0-9._-], not starting with '.', so "<dir>/<name>.json"
   always names a file directly inside dir. */
static bool learner_ok(const char *name, char *err, size_t errlen)
{
    const char *rule = "a learner name is 1 to 64 letters, digits, '-', '_' or '.', "
                       "not starting with '.'";
    if (!name || !*name) {
        seterr(err, errlen, "no learner name given (%s)", rule);
        return false;
    }
    size_t n = 0;
    bool printable = true, ok = name[0] != '.';
    for (; name[n]; n++) {
        if (!learner_char(name[n])) ok = false;
        if ((unsigned char)name[n] < 0x20 || (unsigned char)name[n] >= 0x7f) printable = false;
    }
    if (n > LEARNER_MAX) ok = false;
    if (ok) return true;
    if (printable && n <= 80)
        seterr(err, errlen, "\"%s\" cannot be used as a learner name: %s", name, rule);
    else
        seterr(err, errlen, "that learner name cannot be used: %s", rule);
    return false;
}

static bool args_ok(const char *dir, const char *learner, char *err, size_t errlen)
{
    if (!dir || !*dir) {
        seterr(err, errlen, "no progress folder given");
        return false;
    }
    return learner_ok(learner, err, errlen);
}

char *progress_path(const char *dir, const char *learner)
{
    if (!args_ok(dir, learner, NULL, 0)) return NULL;
    size_t n = strlen(dir);
    return util_fmt("%s%s%s.json", dir, dir[n - 1] == '/' ? "" : "/", learner);
}

/* ---------------------------------------------------------------------------------------- */
/* The in-memory record.                                                                     */

static Progress *progress_new(const char *learner)
{
    Progress *p = xcalloc(1, sizeof *p);
    p->learner = xstrdup(learner);
    return p;
}

void progress_free(Progress *p)
{
    if (!p) return;
    for (int i = 0; i < p->nexercises; i++) {
        free(p->exercises[i].id);
        free(p->exercises[i].recent);
    }
    for (int i = 0; i < p->nlessons; i++) free(p->lessons[i].id);
    for (int i = 0; i < p->nanswers; i++) {
        free(p->answers[i].id);
        free(p->answers[i].last);
    }
    for (int i = 0; i < p->ndays; i++) free(p->days[i]);
    free(p->exercises);
    free(p->lessons);
    free(p->answers);
    free(p->days);
    free(p->learner);
    free(p->track);
    free(p);
}

/* Each lookup is a linear scan: a course has a few hundred records at most. */

const ExerciseRecord *progress_find_exercise(const Progress *p, const char *id)
{
    if (!p || !id) return NULL;
    for (int i = 0; i < p->nexercises; i++)
        if (p->exercises[i].id && strcmp(p->exercises[i].id, id) == 0) return &p->exercises[i];
    return NULL;
}

const LessonRecord *progress_find_lesson(const Progress *p, const char *id)
{
    if (!p || !id) return NULL;
    for (int i = 0; i < p->nlessons; i++)
        if (p->lessons[i].id && strcmp(p->lessons[i].id, id) == 0) return &p->lessons[i];
    return NULL;
}

const AnswerRecord *progress_find_answer(const Progress *p, const char *id)
{
    if (!p || !id) return NULL;
    for (int i = 0; i < p->nanswers; i++)
        if (p->answers[i].id && strcmp(p->answers[i].id, id) == 0) return &p->answers[i];
    return NULL;
}

ExerciseRecord *progress_exercise(Progress *p, const char *id)
{
    if (!p || !id) return NULL;
    ExerciseRecord *e = (ExerciseRecord *)progress_find_exercise(p, id);
    if (e) return e;
    p->exercises = xrealloc(p->exercises, ((size_t)p->nexercises + 1) * sizeof *p->exercises);
    e = &p->exercises[p->nexercises++];
    memset(e, 0, sizeof *e);
    e->id = xstrdup(id);
    return e;
}

LessonRecord *progress_lesson(Progress *p, const char *id)
{
    if (!p || !id) return NULL;
    LessonRecord *l = (LessonRecord *)progress_find_lesson(p, id);
    if (l) return l;
    p->lessons = xrealloc(p->lessons, ((size_t)p->nlessons + 1) * sizeof *p->lessons);
    l = &p->lessons[p->nlessons++];
    memset(l, 0, sizeof *l);
    l->id = xstrdup(id);
    return l;
}

AnswerRecord *progress_answer(Progress *p, const char *id)
{
    if (!p || !id) return NULL;
    AnswerRecord *a = (AnswerRecord *)progress_find_answer(p, id);
    if (a) return a;
    p->answers = xrealloc(p->answers, ((size_t)p->nanswers + 1) * sizeof *p->answers);
    a = &p->answers[p->nanswers++];
    memset(a, 0, sizeof *a);
    a->id = xstrdup(id);
    return a;
}

/* Appends an attempt, dropping the oldest once PROGRESS_MAX_ATTEMPTS are kept. */
static void push_recent(ExerciseRecord *e, const Attempt *a)
{
    if (e->nrecent >= PROGRESS_MAX_ATTEMPTS) {
        int drop = e->nrecent - PROGRESS_MAX_ATTEMPTS + 1;
        memmove(e->recent, e->recent + drop,
                (size_t)(e->nrecent - drop) * sizeof *e->recent);
        e->nrecent -= drop;
    }
    e->recent = xrealloc(e->recent, ((size_t)e->nrecent + 1) * sizeof *e->recent);
    e->recent[e->nrecent++] = *a;
}

static int clamp_count(double v) /* NaN and negatives → 0, huge → INT_MAX */
{
    if (!(v >= 0)) return 0;
    if (v >= (double)INT_MAX) return INT_MAX;
    return (int)v;
}

static double clamp_seconds(double v) { return isfinite(v) && v > 0 ? v : 0; }

/* ---------------------------------------------------------------------------------------- */
/* Record changes.                                                                           */

void progress_touch_day(Progress *p, time_t when)
{
    char day[11];
    if (!p || !local_day(when, day, NULL)) return;
    int i = p->ndays; /* insertion point: days stay sorted ("YYYY-MM-DD" sorts by date) */
    while (i > 0) {
        int c = strcmp(p->days[i - 1], day);
        if (c == 0) return;
        if (c < 0) break;
        i--;
    }
    p->days = xrealloc(p->days, ((size_t)p->ndays + 1) * sizeof *p->days);
    memmove(p->days + i + 1, p->days + i, (size_t)(p->ndays - i) * sizeof *p->days);
    p->days[i] = xstrdup(day);
    p->ndays++;
}

void progress_record_attempt(Progress *p, const char *exercise, const Attempt *a)
{
    ExerciseRecord *e = a ? progress_exercise(p, exercise) : NULL;
    if (!e) return;
    Attempt at = *a;
    if (at.time == 0) at.time = time(NULL);
    if (at.passed < 0) at.passed = 0;
    if (at.total < 0) at.total = 0;
    if (e->attempts < INT_MAX) e->attempts++;
    push_recent(e, &at);
    if (e->first_pass == 0 && at.compiled && at.total > 0 && at.passed == at.total)
        e->first_pass = at.time;
    progress_touch_day(p, at.time);
}

void progress_record_answer(Progress *p, const char *question, const char *typed, bool ok)
{
    AnswerRecord *r = progress_answer(p, question);
    if (!r) return;
    time_t now = time(NULL);
    if (r->tries < INT_MAX) r->tries++;
    r->correct = ok;
    if (ok && r->first_correct == 0) r->first_correct = now;
    free(r->last);
    r->last = xstrdup(typed ? typed : "");
    progress_touch_day(p, now);
}

void progress_mark_read(Progress *p, const char *lesson)
{
    LessonRecord *l = progress_lesson(p, lesson);
    if (!l) return;
    time_t now = time(NULL);
    if (l->read == 0) l->read = now;
    progress_touch_day(p, now);
}

void progress_add_time(Progress *p, const char *kind, const char *id, double seconds)
{
    if (!p || !kind || !id || !(isfinite(seconds) && seconds > 0)) return;
    double *total = NULL;
    if (strcmp(kind, "lesson") == 0)
        total = &progress_lesson(p, id)->seconds;
    else if (strcmp(kind, "exercise") == 0)
        total = &progress_exercise(p, id)->seconds;
    if (!total) return;
    *total += seconds;
    progress_touch_day(p, time(NULL));
}

int progress_streak(const Progress *p, time_t now)
{
    long today, d = 0;
    if (!p || p->ndays <= 0 || !local_day(now, NULL, &today)) return 0;
    /* the latest active day not after today (days are sorted; unreadable ones are skipped) */
    int i = p->ndays - 1;
    while (i >= 0 && (!parse_day(p->days[i], &d) || d > today)) i--;
    if (i < 0 || d < today - 1) return 0;
    int streak = 1;
    for (long prev = d; --i >= 0;) {
        if (!parse_day(p->days[i], &d) || d == prev) continue;
        if (d != prev - 1) break;
        streak++;
        prev = d;
    }
    return streak;
}

/* ---------------------------------------------------------------------------------------- */
/* JSON → record. Fields are checked by type; a wrong type means the file is damaged and is   */
/* reported with its path ("exercises.w1-dot.attempts should be a number"). Missing fields    */
/* keep their defaults, unknown fields are ignored, out-of-range numbers are clamped.         */

typedef struct {
    char msg[256];
} Why;

static bool bad(Why *w, const char *at, const char *key, const char *should)
{
    snprintf(w->msg, sizeof w->msg, "%s%s%s should be %s", at, *at ? "." : "", key, should);
    return false;
}

static bool field_count(const cJSON *o, const char *key, int *out, Why *w, const char *at)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) return true;
    if (!cJSON_IsNumber(v)) return bad(w, at, key, "a number");
    *out = clamp_count(v->valuedouble);
    return true;
}

static bool field_seconds(const cJSON *o, const char *key, double *out, Why *w, const char *at)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) return true;
    if (!cJSON_IsNumber(v)) return bad(w, at, key, "a number of seconds");
    *out = clamp_seconds(v->valuedouble);
    return true;
}

static bool field_bool(const cJSON *o, const char *key, bool *out, Why *w, const char *at)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) return true;
    if (!cJSON_IsBool(v)) return bad(w, at, key, "true or false");
    *out = cJSON_IsTrue(v);
    return true;
}

static bool field_time(const cJSON *o, const char *key, time_t *out, Why *w, const char *at)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v || cJSON_IsNull(v)) return true;
    if (!cJSON_IsString(v) || !parse_utc(v->valuestring, out))
        return bad(w, at, key, "a UTC time like \"2026-11-29T12:00:00Z\" or null");
    return true;
}

static bool field_string(const cJSON *o, const char *key, char **out, Why *w, const char *at)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v || cJSON_IsNull(v)) return true;
    if (!cJSON_IsString(v)) return bad(w, at, key, "a string or null");
    free(*out);
    *out = xstrdup(v->valuestring);
    return true;
}

static bool attempt_from_json(Attempt *a, const cJSON *o, Why *w, const char *at)
{
    memset(a, 0, sizeof *a);
    if (!cJSON_IsObject(o)) {
        snprintf(w->msg, sizeof w->msg, "%s should be an object", at);
        return false;
    }
    return field_time(o, "time", &a->time, w, at) && field_count(o, "passed", &a->passed, w, at) &&
           field_count(o, "total", &a->total, w, at) &&
           field_bool(o, "compiled", &a->compiled, w, at);
}

static bool exercise_from_json(Progress *p, const cJSON *o, Why *w)
{
    char at[160];
    snprintf(at, sizeof at, "exercises.%s", o->string);
    if (!cJSON_IsObject(o)) return bad(w, "exercises", o->string, "an object");
    ExerciseRecord *e = progress_exercise(p, o->string);
    if (!field_count(o, "attempts", &e->attempts, w, at) ||
        !field_time(o, "first_pass", &e->first_pass, w, at) ||
        !field_count(o, "hints_used", &e->hints_used, w, at) ||
        !field_bool(o, "solution_seen", &e->solution_seen, w, at) ||
        !field_seconds(o, "seconds", &e->seconds, w, at))
        return false;
    const cJSON *recent = cJSON_GetObjectItemCaseSensitive(o, "recent");
    if (!recent) return true;
    if (!cJSON_IsArray(recent)) return bad(w, at, "recent", "an array");
    int i = 0;
    const cJSON *item;
    e->nrecent = 0;
    cJSON_ArrayForEach(item, recent) {
        char where[192];
        Attempt a;
        snprintf(where, sizeof where, "%s.recent[%d]", at, i++);
        if (!attempt_from_json(&a, item, w, where)) return false;
        push_recent(e, &a);
    }
    if (e->attempts < e->nrecent) e->attempts = e->nrecent; /* the count is never below them */
    return true;
}

static bool lesson_from_json(Progress *p, const cJSON *o, Why *w)
{
    char at[160];
    snprintf(at, sizeof at, "lessons.%s", o->string);
    if (!cJSON_IsObject(o)) return bad(w, "lessons", o->string, "an object");
    LessonRecord *l = progress_lesson(p, o->string);
    return field_time(o, "read", &l->read, w, at) &&
           field_seconds(o, "seconds", &l->seconds, w, at);
}

static bool answer_from_json(Progress *p, const cJSON *o, Why *w)
{
    char at[160];
    snprintf(at, sizeof at, "answers.%s", o->string);
    if (!cJSON_IsObject(o)) return bad(w, "answers", o->string, "an object");
    AnswerRecord *a = progress_answer(p, o->string);
    return field_count(o, "tries", &a->tries, w, at) &&
           field_bool(o, "correct", &a->correct, w, at) &&
           field_time(o, "first_correct", &a->first_correct, w, at) &&
           field_string(o, "last", &a->last, w, at);
}

static int cmp_day(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool days_from_json(Progress *p, const cJSON *arr, Why *w)
{
    int i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr) {
        long d;
        if (!cJSON_IsString(item) || !parse_day(item->valuestring, &d)) {
            snprintf(w->msg, sizeof w->msg, "days[%d] should be a date like \"2026-11-29\"", i);
            return false;
        }
        p->days = xrealloc(p->days, ((size_t)p->ndays + 1) * sizeof *p->days);
        p->days[p->ndays++] = xstrdup(item->valuestring);
        i++;
    }
    /* sorted and without repeats, whatever the file said */
    if (p->ndays > 1) qsort(p->days, (size_t)p->ndays, sizeof *p->days, cmp_day);
    int n = 0;
    for (int k = 0; k < p->ndays; k++) {
        if (n > 0 && strcmp(p->days[n - 1], p->days[k]) == 0)
            free(p->days[k]);
        else
            p->days[n++] = p->days[k];
    }
    p->ndays = n;
    return true;
}

/* The three maps share one shape: an object of id → object. */
typedef bool (*EntryFn)(Progress *p, const cJSON *o, Why *w);
static const struct {
    const char *key;
    EntryFn fn;
} maps[] = {
    {"exercises", exercise_from_json},
    {"lessons", lesson_from_json},
    {"answers", answer_from_json},
};

static const char *json_kind(const cJSON *v)
{
    if (cJSON_IsArray(v)) return "an array";
    if (cJSON_IsString(v)) return "a string";
    if (cJSON_IsNumber(v)) return "a number";
    if (cJSON_IsBool(v)) return "true or false";
    if (cJSON_IsNull(v)) return "null";
    return "an object";
}

/* Fills p from the parsed document. false + w->msg when the shape is wrong. */
static bool record_from_json(Progress *p, const cJSON *root, Why *w)
{
    if (!field_time(root, "created", &p->created, w, "") ||
        !field_time(root, "updated", &p->updated, w, "") ||
        !field_string(root, "track", &p->track, w, ""))
        return false;
    for (size_t m = 0; m < sizeof maps / sizeof maps[0]; m++) {
        const cJSON *map = cJSON_GetObjectItemCaseSensitive(root, maps[m].key);
        if (!map) continue;
        if (!cJSON_IsObject(map)) return bad(w, "", maps[m].key, "an object");
        const cJSON *item;
        cJSON_ArrayForEach(item, map) {
            if (!maps[m].fn(p, item, w)) return false;
        }
    }
    const cJSON *days = cJSON_GetObjectItemCaseSensitive(root, "days");
    if (days && !cJSON_IsArray(days)) return bad(w, "", "days", "an array");
    return !days || days_from_json(p, days, w);
}

/* ---------------------------------------------------------------------------------------- */
/* Record → JSON.                                                                            */

static void add_time(cJSON *o, const char *key, time_t t)
{
    char buf[21];
    if (t != 0 && format_utc(t, buf))
        cJSON_AddStringToObject(o, key, buf);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *record_to_json(const Progress *p)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "format", FORMAT_VERSION);
    cJSON_AddStringToObject(root, "learner", p->learner ? p->learner : "");
    add_time(root, "created", p->created);
    add_time(root, "updated", p->updated);
    if (p->track)
        cJSON_AddStringToObject(root, "track", p->track);
    else
        cJSON_AddNullToObject(root, "track");

    cJSON *ex = cJSON_AddObjectToObject(root, "exercises");
    for (int i = 0; i < p->nexercises; i++) {
        const ExerciseRecord *e = &p->exercises[i];
        if (!e->id) continue;
        cJSON *o = cJSON_AddObjectToObject(ex, e->id);
        cJSON_AddNumberToObject(o, "attempts", e->attempts);
        cJSON *recent = cJSON_AddArrayToObject(o, "recent");
        for (int k = 0; k < e->nrecent; k++) { /* oldest first */
            cJSON *a = cJSON_CreateObject();
            add_time(a, "time", e->recent[k].time);
            cJSON_AddNumberToObject(a, "passed", e->recent[k].passed);
            cJSON_AddNumberToObject(a, "total", e->recent[k].total);
            cJSON_AddBoolToObject(a, "compiled", e->recent[k].compiled);
            cJSON_AddItemToArray(recent, a);
        }
        add_time(o, "first_pass", e->first_pass);
        cJSON_AddNumberToObject(o, "hints_used", e->hints_used);
        cJSON_AddBoolToObject(o, "solution_seen", e->solution_seen);
        cJSON_AddNumberToObject(o, "seconds", clamp_seconds(e->seconds));
    }

    cJSON *le = cJSON_AddObjectToObject(root, "lessons");
    for (int i = 0; i < p->nlessons; i++) {
        const LessonRecord *l = &p->lessons[i];
        if (!l->id) continue;
        cJSON *o = cJSON_AddObjectToObject(le, l->id);
        add_time(o, "read", l->read);
        cJSON_AddNumberToObject(o, "seconds", clamp_seconds(l->seconds));
    }

    cJSON *an = cJSON_AddObjectToObject(root, "answers");
    for (int i = 0; i < p->nanswers; i++) {
        const AnswerRecord *a = &p->answers[i];
        if (!a->id) continue;
        cJSON *o = cJSON_AddObjectToObject(an, a->id);
        cJSON_AddNumberToObject(o, "tries", a->tries);
        cJSON_AddBoolToObject(o, "correct", a->correct);
        add_time(o, "first_correct", a->first_correct);
        if (a->last)
            cJSON_AddStringToObject(o, "last", a->last);
        else
            cJSON_AddNullToObject(o, "last");
    }

    cJSON *days = cJSON_AddArrayToObject(root, "days");
    for (int i = 0; i < p->ndays; i++) {
        long d;
        if (parse_day(p->days[i], &d)) /* a day that would not load again is left out */
            cJSON_AddItemToArray(days, cJSON_CreateString(p->days[i]));
    }
    return root;
}

/* ---------------------------------------------------------------------------------------- */
/* Reading a file and judging it.                                                            */

typedef enum { REC_ABSENT, REC_OK, REC_CORRUPT, REC_NEWER, REC_IOERR } RecStatus;

typedef struct {
    RecStatus status;
    const char *learner; /* whose record it is (not owned) */
    Progress *p;         /* REC_OK: the record (owned) */
    char *raw;           /* the bytes read, NUL-terminated (owned) */
    size_t len;
    double format;       /* REC_NEWER: the format the file claims */
    char why[320];       /* REC_CORRUPT: what is wrong with it; REC_IOERR: the error */
} Rec;

static void rec_done(Rec *r)
{
    progress_free(r->p);
    free(r->raw);
    memset(r, 0, sizeof *r);
}

/* Whole file into r->raw. REC_ABSENT, REC_IOERR, or REC_OK meaning "bytes are in r->raw".
   Not util_read_file: anything but a regular file (a folder, say) is refused, and
   reading stops once past FILE_MAX. */
static RecStatus read_bytes(const char *path, Rec *r)
{
    errno = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return r->status = REC_ABSENT;
        snprintf(r->why, sizeof r->why, "%s: %s", path, strerror(errno));
        return r->status = REC_IOERR;
    }
    struct stat st;
    if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
        int e = errno;
        snprintf(r->why, sizeof r->why, "%s: %s", path,
                 e ? strerror(e) : S_ISDIR(st.st_mode) ? "is a folder, not a file"
                                                       : "is not a regular file");
        close(fd);
        return r->status = REC_IOERR;
    }
    size_t cap = 4096, len = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (len + 1 >= cap) {
            if (len > FILE_MAX) break; /* judged by its size in read_record */
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            snprintf(r->why, sizeof r->why, "%s: %s", path, strerror(errno));
            free(buf);
            close(fd);
            return r->status = REC_IOERR;
        }
        len += (size_t)n;
    }
    close(fd);
    buf[len] = '\0';
    r->raw = buf;
    r->len = len;
    return r->status = REC_OK;
}

/* Describes a cJSON parse failure at offset `at` of buf: "line 3: unexpected end of input". */
static void parse_error(const char *buf, size_t len, size_t at, char *out, size_t outlen)
{
    if (at > len) at = len;
    size_t line = 1, col = 1;
    for (size_t i = 0; i < at; i++) {
        if (buf[i] == '\n') line++, col = 1;
        else col++;
    }
    size_t rest = at;
    while (rest < len && (buf[rest] == ' ' || buf[rest] == '\t' || buf[rest] == '\n' ||
                          buf[rest] == '\r'))
        rest++;
    unsigned char c = (unsigned char)buf[at];
    if (rest >= len)
        snprintf(out, outlen, "line %zu: unexpected end of input", line);
    else if (c > 0x20 && c < 0x7f)
        snprintf(out, outlen, "line %zu, column %zu: unexpected '%c'", line, col, c);
    else
        snprintf(out, outlen, "line %zu, column %zu: unexpected byte 0x%02x", line, col, c);
}

/* Reads and judges path: absent, a good record, damaged (with why), newer, or an I/O error. */
static Rec read_record(const char *path, const char *learner)
{
    Rec r;
    memset(&r, 0, sizeof r);
    r.learner = learner;
    if (read_bytes(path, &r) != REC_OK) return r;

    if (r.len == 0) {
        snprintf(r.why, sizeof r.why, "the file is empty");
        r.status = REC_CORRUPT;
        return r;
    }
    if (r.len > FILE_MAX) {
        snprintf(r.why, sizeof r.why, "the file is over %zu MiB, far more than a record holds",
                 FILE_MAX >> 20);
        r.status = REC_CORRUPT;
        return r;
    }
    const char *nul = memchr(r.raw, '\0', r.len);
    if (nul) {
        char where[64];
        parse_error(r.raw, r.len, (size_t)(nul - r.raw), where, sizeof where);
        snprintf(r.why, sizeof r.why, "%s", where);
        r.status = REC_CORRUPT;
        return r;
    }

    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(r.raw, r.len + 1, &end, 1);
    Why w = {{0}};
    r.status = REC_CORRUPT;
    if (!root) {
        parse_error(r.raw, r.len, end ? (size_t)(end - r.raw) : r.len, r.why, sizeof r.why);
        return r;
    }
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!cJSON_IsObject(root)) {
        snprintf(r.why, sizeof r.why, "it holds %s, not a JSON object", json_kind(root));
    } else if (!format) {
        snprintf(r.why, sizeof r.why, "it has no \"format\" field");
    } else if (!cJSON_IsNumber(format)) {
        snprintf(r.why, sizeof r.why, "\"format\" should be a number");
    } else if (format->valuedouble > FORMAT_VERSION) {
        r.status = REC_NEWER;
        r.format = format->valuedouble;
    } else if (format->valuedouble != FORMAT_VERSION) {
        snprintf(r.why, sizeof r.why, "format %g is not one la4ai knows", format->valuedouble);
    } else {
        r.p = progress_new(learner);
        if (record_from_json(r.p, root, &w)) {
            r.status = REC_OK;
        } else {
            snprintf(r.why, sizeof r.why, "%s", w.msg);
            progress_free(r.p);
            r.p = NULL;
        }
    }
    cJSON_Delete(root);
    for (char *s = r.why; *s; s++) /* the reason is shown to the learner: no control bytes */
        if ((unsigned char)*s < 0x20 || *s == 0x7f) *s = '?';
    return r;
}

/* ---------------------------------------------------------------------------------------- */
/* Writing.                                                                                  */

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Writes data to a new file at path (O_EXCL when `fresh`, else truncating) and fsyncs it.
   On failure the partial file is removed and err says why. */
static int write_synced(const char *path, const char *data, size_t len, bool fresh, char *err,
                        size_t errlen)
{
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (fresh ? O_EXCL : O_TRUNC);
    int fd = open(path, flags, 0666);
    if (fd < 0) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (!write_all(fd, data, len) || fsync(fd) == -1) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(path); /* our own incomplete file */
        return -1;
    }
    if (close(fd) == -1) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        unlink(path);
        return -1;
    }
    return 0;
}

/* fsync of the folder, so that renames inside it survive a crash. */
static int sync_dir(const char *dir, char *err, size_t errlen)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        seterr(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    int rc = fsync(fd);
    if (rc == -1 && (errno == EINVAL || errno == EROFS)) rc = 0; /* folders that cannot sync */
    if (rc == -1) seterr(err, errlen, "%s: %s", dir, strerror(errno));
    close(fd);
    return rc;
}

/* Puts data at path atomically: a temp file in the same folder, fsync, rename over path. */
static int write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
    char *tmp = util_fmt("%s.tmp.%ld", path, (long)getpid());
    int rc = write_synced(tmp, data, len, false, err, errlen);
    if (rc == 0 && rename(tmp, path) == -1) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        unlink(tmp);
        rc = -1;
    }
    free(tmp);
    return rc;
}

/* Gives the file at path a second name "<path>.<label>-YYYYMMDDTHHMMSSZ" (plus "-2", "-3"…
   if taken), by a hard link or, where links are not possible, by a copy of its bytes. The
   original name stays. Returns the new name (caller frees) or NULL with err. */
static char *keep_aside(const char *path, const char *label, const char *raw, size_t len,
                        char *err, size_t errlen)
{
    char stamp[20] = "unknown-time";
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    for (int n = 1; n <= 1000; n++) {
        char *name = n == 1 ? util_fmt("%s.%s-%s", path, label, stamp)
                            : util_fmt("%s.%s-%s-%d", path, label, stamp, n);
        if (link(path, name) == 0) return name;
        if (errno != EEXIST) { /* no hard links here: a copy of the bytes, never replacing */
            char why[256] = "";
            if (write_synced(name, raw, len, true, why, sizeof why) == 0) return name;
            if (errno != EEXIST) {
                seterr(err, errlen, "%s could not be kept aside: %s", path, why);
                free(name);
                return NULL;
            }
        }
        free(name);
    }
    seterr(err, errlen, "%s could not be kept aside: too many copies with the same time", path);
    return NULL;
}

/* Saves p to path: temp file, fsync, current file → .bak, rename, fsync of the folder. */
static int save(const char *dir, const char *path, const Progress *p, char *err, size_t errlen)
{
    cJSON *root = record_to_json(p);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        fprintf(stderr, "la4ai: out of memory in %s\n", __func__);
        abort();
    }
    size_t n = strlen(text);
    text = xrealloc(text, n + 2); /* cJSON_Print uses malloc; so does xrealloc */
    text[n++] = '\n';
    text[n] = '\0';

    char *tmp = util_fmt("%s.tmp.%ld", path, (long)getpid());
    char *bak = util_fmt("%s.bak", path);
    char *baktmp = util_fmt("%s.bak.tmp.%ld", path, (long)getpid());
    int rc = write_synced(tmp, text, n, false, err, errlen);

    /* the current file (good: it was loaded or restored under this lock) becomes the .bak */
    if (rc == 0 && util_exists(path)) {
        unlink(baktmp); /* a leftover of an earlier process with our pid */
        if (link(path, baktmp) == 0) {
            if (rename(baktmp, bak) == -1) {
                seterr(err, errlen, "%s: %s", bak, strerror(errno));
                unlink(baktmp);
                rc = -1;
            }
        } else { /* no hard links here: a second atomic write */
            Rec cur;
            memset(&cur, 0, sizeof cur);
            if (read_bytes(path, &cur) != REC_OK) {
                seterr(err, errlen, "%s", cur.why);
                rc = -1;
            } else {
                rc = write_atomic(bak, cur.raw, cur.len, err, errlen);
            }
            rec_done(&cur);
        }
    }
    if (rc == 0 && rename(tmp, path) == -1) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        rc = -1;
    }
    if (rc == -1) unlink(tmp);
    if (rc == 0) rc = sync_dir(dir, err, errlen);
    free(baktmp);
    free(bak);
    free(tmp);
    free(text);
    return rc;
}

/* ---------------------------------------------------------------------------------------- */
/* Locking and the folder.                                                                   */

/* mkdir -p: each missing folder along dir is created; ones that exist are fine. */
static int make_dirs(const char *dir, char *err, size_t errlen)
{
    char *d = xstrdup(dir);
    int rc = 0;
    for (char *s = d + 1;; s++) {
        if (*s != '/' && *s != '\0') continue;
        char c = *s;
        *s = '\0';
        struct stat st;
        bool there = stat(d, &st) == 0 && S_ISDIR(st.st_mode);
        if (!there && mkdir(d, 0777) == -1 && errno != EEXIST) {
            seterr(err, errlen, "cannot create the folder %s: %s", d, strerror(errno));
            rc = -1;
            break;
        }
        *s = c;
        if (c == '\0') break;
    }
    struct stat st;
    if (rc == 0 && (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode))) {
        seterr(err, errlen, "%s is not a folder", dir);
        rc = -1;
    }
    free(d);
    return rc;
}

/* Opens "<path>.lock" and takes an exclusive flock, waiting as long as it takes. */
static int lock_take(const char *path, char *err, size_t errlen)
{
    char *lock = util_fmt("%s.lock", path);
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        seterr(err, errlen, "%s: %s", lock, strerror(errno));
        free(lock);
        return -1;
    }
    while (flock(fd, LOCK_EX) == -1) {
        if (errno == EINTR) continue;
        seterr(err, errlen, "%s: cannot lock: %s", lock, strerror(errno));
        close(fd);
        fd = -1;
        break;
    }
    free(lock);
    return fd;
}

static void lock_drop(int fd)
{
    if (fd < 0) return;
    flock(fd, LOCK_UN);
    close(fd);
}

/* ---------------------------------------------------------------------------------------- */
/* Loading and recovery.                                                                     */

static void newer_error(const char *path, double format, char *err, size_t errlen)
{
    seterr(err, errlen,
           "%s was written by a newer la4ai (format %g; this one reads format %d), so it was "
           "left as it is: update la4ai to go on",
           path, format, FORMAT_VERSION);
}

/* " from 12:03" (today) or " from 2026-11-28 12:03", for the notice; "" when unknown. */
static void when_phrase(time_t t, char *out, size_t outlen)
{
    struct tm then, now;
    time_t n = time(NULL);
    out[0] = '\0';
    if (t == 0 || !localtime_r(&t, &then) || !localtime_r(&n, &now)) return;
    if (then.tm_year == now.tm_year && then.tm_yday == now.tm_yday)
        strftime(out, outlen, " from %H:%M", &then);
    else
        strftime(out, outlen, " from %Y-%m-%d %H:%M", &then);
}

/* Keeps the damaged file aside and puts the backup's bytes in its place. The restored bytes
   wait in a temp file first, so the path never goes missing for a reader without the lock. */
static Progress *restore_backup(const char *path, Rec *cur, Rec *bak, char **msg, char *err,
                                size_t errlen)
{
    char *tmp = util_fmt("%s.tmp.%ld", path, (long)getpid());
    char *kept = NULL;
    Progress *p = NULL;
    if (write_synced(tmp, bak->raw, bak->len, false, err, errlen) == 0) {
        kept = keep_aside(path, "corrupt", cur->raw, cur->len, err, errlen);
        if (kept && rename(tmp, path) == 0) {
            char when[48];
            when_phrase(bak->p->updated, when, sizeof when);
            *msg = util_fmt("%s could not be read (%s); it was kept as %s and your last good "
                            "record%s was restored.", path, cur->why, kept, when);
            p = bak->p;
            bak->p = NULL;
        } else {
            if (kept) seterr(err, errlen, "%s: %s", path, strerror(errno));
            unlink(tmp);
        }
    }
    free(kept);
    free(tmp);
    return p;
}

/* Keeps the damaged file, and a damaged backup, aside under new names; then the record
   starts empty. */
static Progress *start_afresh(const char *path, const char *bakpath, Rec *cur, Rec *bak,
                              char **msg, char *err, size_t errlen)
{
    char *kept = NULL, *bakkept = NULL;
    Progress *p = NULL;
    if (bak->status == REC_CORRUPT) {
        bakkept = keep_aside(bakpath, "corrupt", bak->raw, bak->len, err, errlen);
        if (!bakkept) goto out;
        if (unlink(bakpath) == -1) { /* its bytes live on under bakkept */
            seterr(err, errlen, "%s: %s", bakpath, strerror(errno));
            goto out;
        }
    }
    kept = keep_aside(path, "corrupt", cur->raw, cur->len, err, errlen);
    if (!kept) goto out;
    if (unlink(path) == -1) {
        seterr(err, errlen, "%s: %s", path, strerror(errno));
        goto out;
    }
    if (bakkept)
        *msg = util_fmt("%s could not be read (%s); it was kept as %s. Its backup %s could not "
                        "be read either (%s); it was kept as %s. Your record starts afresh.",
                        path, cur->why, kept, bakpath, bak->why, bakkept);
    else
        *msg = util_fmt("%s could not be read (%s); it was kept as %s. There was no earlier "
                        "copy, so your record starts afresh.", path, cur->why, kept);
    p = progress_new(cur->learner);
out:
    free(kept);
    free(bakkept);
    return p;
}

/* With the lock held: the file at path is damaged (cur->why). Keeps it aside and restores the
   .bak if that reads, else starts empty. Returns the record and a notice for the learner, or
   NULL with err. A backup from a newer la4ai stops it before anything is changed. */
static Progress *recover(const char *dir, const char *path, Rec *cur, char **notice, char *err,
                         size_t errlen)
{
    char *bakpath = util_fmt("%s.bak", path);
    Rec bak = read_record(bakpath, cur->learner);
    Progress *p = NULL;
    char *msg = NULL;

    if (bak.status == REC_NEWER) {
        char newer[256];
        newer_error(bakpath, bak.format, newer, sizeof newer);
        seterr(err, errlen, "%s could not be read (%s), and its backup %s", path, cur->why,
               newer);
    } else if (bak.status == REC_IOERR) {
        seterr(err, errlen, "%s could not be read (%s), nor its backup: %s", path, cur->why,
               bak.why);
    } else if (bak.status == REC_OK) {
        p = restore_backup(path, cur, &bak, &msg, err, errlen);
    } else {
        p = start_afresh(path, bakpath, cur, &bak, &msg, err, errlen);
    }
    if (p) {
        sync_dir(dir, NULL, 0); /* the names have changed already; a failed sync changes nothing */
        if (notice) *notice = msg;
        else free(msg);
    }
    free(bakpath);
    rec_done(&bak);
    return p;
}

/* Reads path as progress_load describes; with the lock held (`locked`) it also repairs it. */
static Progress *load_record(const char *dir, const char *path, const char *learner,
                             bool locked, bool *damaged, char **notice, char *err, size_t errlen)
{
    Rec r = read_record(path, learner);
    Progress *p = NULL;
    *damaged = false;
    switch (r.status) {
    case REC_ABSENT: p = progress_new(learner); break;
    case REC_OK: p = r.p; r.p = NULL; break;
    case REC_NEWER: newer_error(path, r.format, err, errlen); break;
    case REC_IOERR: seterr(err, errlen, "%s", r.why); break;
    case REC_CORRUPT:
        *damaged = true;
        if (locked) p = recover(dir, path, &r, notice, err, errlen);
        break;
    }
    rec_done(&r);
    return p;
}

Progress *progress_load(const char *dir, const char *learner, char **notice, char *err,
                        size_t errlen)
{
    if (notice) *notice = NULL;
    if (!args_ok(dir, learner, err, errlen)) return NULL;
    char *path = progress_path(dir, learner);
    bool damaged;
    /* saves are atomic renames, so reading without the lock sees a whole file */
    Progress *p = load_record(dir, path, learner, false, &damaged, notice, err, errlen);
    if (damaged) { /* repair under the lock; another process may have done it meanwhile */
        char lockerr[256] = "";
        int fd = lock_take(path, lockerr, sizeof lockerr);
        if (fd >= 0)
            p = load_record(dir, path, learner, true, &damaged, notice, err, errlen);
        else
            seterr(err, errlen, "%s could not be read, and cannot be repaired now: %s", path,
                   lockerr);
        lock_drop(fd);
    }
    free(path);
    return p;
}

int progress_update(const char *dir, const char *learner, int (*fn)(Progress *p, void *ctx),
                    void *ctx, char **notice, char *err, size_t errlen)
{
    if (notice) *notice = NULL;
    if (!args_ok(dir, learner, err, errlen)) return -1;
    if (!fn) {
        seterr(err, errlen, "no change given for the progress record");
        return -1;
    }
    if (make_dirs(dir, err, errlen) < 0) return -1;
    char *path = progress_path(dir, learner);
    int rc = -1, fd = lock_take(path, err, errlen);
    Progress *p = NULL;
    bool damaged;
    if (fd >= 0) p = load_record(dir, path, learner, true, &damaged, notice, err, errlen);
    if (p) {
        if (fn(p, ctx) != 0) {
            rc = 0; /* abandoned: nothing written */
        } else {
            p->updated = time(NULL);
            if (p->created == 0) p->created = p->updated;
            free(p->learner);
            p->learner = xstrdup(learner); /* the file name decides */
            rc = save(dir, path, p, err, errlen);
        }
    }
    progress_free(p);
    lock_drop(fd);
    free(path);
    return rc;
}
