/*
 * progress.h — the learner's record: progress/<learner>.json (format documented in
 * progress/FORMAT.md).
 *
 * Theory of operation. Every change is a transaction: progress_update() takes an exclusive
 * flock on <file>.lock, reads the file fresh from disk, lets the caller change the in-memory
 * record, and writes it back atomically (temp file in the same folder, fsync, rename over
 * the old file, fsync of the folder); the previous good file is kept as <file>.bak. So a TUI
 * and a `watch` running at once never lose each other's changes. A file that does not parse
 * is moved aside to <file>.corrupt-<UTC time>, the .bak copy (if it parses) is restored, and
 * the caller gets a message to show the learner.
 * No curses here.
 */
#ifndef LA4AI_PROGRESS_H
#define LA4AI_PROGRESS_H

#include <stdbool.h>
#include <time.h>

#define PROGRESS_MAX_ATTEMPTS 50 /* attempt details kept per exercise (the count is exact) */

typedef struct {
    time_t time;
    int passed, total;           /* tests passed / run */
    bool compiled;
} Attempt;

typedef struct {
    char *id;
    int attempts;                /* every check counted */
    Attempt *recent; int nrecent;/* the last PROGRESS_MAX_ATTEMPTS, oldest first */
    time_t first_pass;           /* 0 until it passes */
    int hints_used;              /* hints revealed so far */
    bool solution_seen;
    double seconds;              /* time spent with it open */
} ExerciseRecord;

typedef struct {
    char *id;
    time_t read;                 /* 0 until read to the end */
    double seconds;
} LessonRecord;

typedef struct {
    char *id;
    int tries;
    bool correct;                /* the last answer was right */
    time_t first_correct;        /* 0 if never */
    char *last;                  /* the last answer as typed */
} AnswerRecord;

typedef struct {
    char *learner;
    time_t created, updated;
    char *track;                 /* "nlp", "vision", "recommenders" or NULL */
    ExerciseRecord *exercises; int nexercises;
    LessonRecord *lessons; int nlessons;
    AnswerRecord *answers; int nanswers;
    char **days; int ndays;      /* "YYYY-MM-DD" of each day with activity, sorted */
} Progress;

/* The file for `learner` in `dir`: "<dir>/<learner>.json". Caller frees. */
char *progress_path(const char *dir, const char *learner);

/* Reads the record (an empty one if the file does not exist). On a corrupt file, recovers
   as described above and sets *notice to a message for the learner (caller frees), else
   *notice = NULL. Returns NULL and fills err on an I/O error. Caller frees with
   progress_free. */
Progress *progress_load(const char *dir, const char *learner, char **notice, char *err,
                        size_t errlen);
void progress_free(Progress *p);

/* The transaction described above: lock, load fresh, fn(p, ctx), save, unlock. fn returns 0
   to save or non-zero to abandon. *notice as for progress_load. Returns 0 or -1 with err. */
int progress_update(const char *dir, const char *learner, int (*fn)(Progress *p, void *ctx),
                    void *ctx, char **notice, char *err, size_t errlen);

/* Lookups that create the record when missing (owned by p). */
ExerciseRecord *progress_exercise(Progress *p, const char *id);
LessonRecord *progress_lesson(Progress *p, const char *id);
AnswerRecord *progress_answer(Progress *p, const char *id);
/* Const lookups: NULL when there is no record. */
const ExerciseRecord *progress_find_exercise(const Progress *p, const char *id);
const LessonRecord *progress_find_lesson(const Progress *p, const char *id);
const AnswerRecord *progress_find_answer(const Progress *p, const char *id);

/* Record changes (used inside an update fn). Each also marks today as an active day. */
void progress_record_attempt(Progress *p, const char *exercise, const Attempt *a);
void progress_record_answer(Progress *p, const char *question, const char *typed, bool ok);
void progress_mark_read(Progress *p, const char *lesson);
void progress_add_time(Progress *p, const char *kind /* "lesson"|"exercise" */,
                       const char *id, double seconds);
void progress_touch_day(Progress *p, time_t when);

/* Days-active streak ending today or yesterday (0 if none). */
int progress_streak(const Progress *p, time_t now);

#endif /* LA4AI_PROGRESS_H */
