/*
 * course.h — the course model: weeks → lessons → sections, exercises and labs, loaded from
 * lessons/course.json and lessons/weekNN.json (format v1, lessons/FORMAT.md) with cJSON.
 * No curses here; both front ends read this model.
 *
 * Ownership: course_load returns a Course that owns every string and array inside it;
 * course_free releases all of it. Nothing in the model changes after loading.
 */
#ifndef LA4AI_COURSE_H
#define LA4AI_COURSE_H

#include <stdbool.h>
#include <stddef.h>

#define COURSE_WEEKS 10

typedef enum {
    SEC_TEXT, SEC_CONCEPTS, SEC_FORMULA, SEC_EXAMPLE, SEC_CODE, SEC_ML, SEC_WHEN,
    SEC_QUESTION, SEC_EXERCISE, SEC_LAB, SEC_COUNT
} SectionType;

typedef enum { Q_NUMBER, Q_CHOICE, Q_MATRIX, Q_COUNT } QuestionKind;

typedef struct { char *a, *b; } Pair;        /* term/text or use/when */

typedef struct {
    char *id;
    QuestionKind kind;
    char *prompt, *explain;
    double tol;
    double number;                           /* Q_NUMBER */
    char **choices; int nchoices; int choice; /* Q_CHOICE */
    int rows, cols; double *matrix;          /* Q_MATRIX, row-major */
} Question;

struct Lesson;

typedef struct Exercise {
    char *id, *title, *summary;
    int week;
    struct Lesson *lesson;                   /* the lesson that owns it */
    char **functions; int nfunctions;
    char **hints; int nhints;
    char **links; int nlinks;                /* other exercise ids compiled in with it */
    char *stub, *grader, *reference;         /* paths relative to the course root */
} Exercise;

typedef struct Lab {
    char *id, *title, *summary;
    int week;
    struct Lesson *lesson;
    char **uses; int nuses;
    char *driver;                            /* graders/weekNN/ID/lab.c */
} Lab;

typedef struct {
    SectionType type;
    char *title, *body, *lang, *note;        /* whichever the type uses; others NULL.
                                                SEC_FORMULA: the formula in body, its note in note */
    Pair *items; int nitems;                 /* SEC_CONCEPTS, SEC_WHEN */
    Question *question;                      /* SEC_QUESTION */
    Exercise *exercise;                      /* SEC_EXERCISE */
    Lab *lab;                                /* SEC_LAB */
} Section;

typedef struct {
    char *kind, *course, *title, *url;
    int number;                              /* 0 when none */
} Source;

typedef struct Lesson {
    char *id, *title;
    int week, minutes;
    Source *sources; int nsources;
    Section *sections; int nsections;
} Lesson;

typedef struct {
    int number;
    char *title, *summary, *checkpoint;      /* summary/checkpoint may be NULL */
    bool written;                            /* false: listed in course.json, no weekNN.json */
    Lesson *lessons; int nlessons;
} Week;

typedef struct {
    char *root;                              /* the course root directory */
    char *title;
    Week weeks[COURSE_WEEKS];                /* weeks[i].number == i + 1 */
    Exercise **exercises; int nexercises;    /* every exercise, in course order */
    Lab **labs; int nlabs;
    Question **questions; int nquestions;
} Course;

/* Diagnostics from loading: each is one line "lessons/week02.json:41:17: path: message", sorted
   by file and position; line and column are 1-based and the column counts UTF-8 characters. */
typedef struct {
    char **lines; int count;
} CourseErrors;

/* Loads the course under `root` (which holds lessons/, exercises/, graders/). Every problem
   found is appended to errs (which may be NULL); a week file with errors is left out of the
   model (its week shows as not written) and the rest still loads. Returns NULL only when
   lessons/course.json itself cannot be used or memory runs out. The caller frees the
   result with course_free and the errors with course_errors_free. Never crashes on bad
   input. */
Course *course_load(const char *root, CourseErrors *errs);
void course_free(Course *c);
void course_errors_free(CourseErrors *errs);

/* Lookups; NULL when not found. The pointers belong to the course. */
Exercise *course_exercise(const Course *c, const char *id);
Lab *course_lab(const Course *c, const char *id);
Question *course_question(const Course *c, const char *id);
Lesson *course_lesson(const Course *c, const char *id);

/* Names for the enums ("text", "number", …), for messages and JSON output. */
const char *course_section_name(SectionType t);
const char *course_question_kind_name(QuestionKind k);

#endif /* LA4AI_COURSE_H */
