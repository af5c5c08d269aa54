/*
 * answer.h — grading practice answers (number with tolerance, multiple choice, small
 * matrix). One checker for both front ends. No curses here.
 */
#ifndef LA4AI_ANSWER_H
#define LA4AI_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

#include "course.h"

typedef enum {
    ANSWER_RIGHT,
    ANSWER_WRONG,
    ANSWER_UNREADABLE    /* could not be read as the kind of answer asked for */
} AnswerVerdict;

/* Checks what the learner typed against q. feedback receives one or two sentences: why it
   is wrong (or how it could not be read, with the expected syntax), or a confirmation. The
   question's `explain` is not included: front ends show it after any readable answer. */
AnswerVerdict answer_check(const Question *q, const char *typed, char *feedback, size_t size);

/* Parses a number written as an expression: 3.5, -2, 1e-3, 1/3, sqrt(2)/2, 2^10, pi.
   Returns 0 and sets *out, or -1 if it cannot be read. */
int answer_parse_number(const char *s, double *out);

/* Parses "1 2; 3 4" (rows by ';' or new lines, entries by spaces or commas; brackets are
   ignored). Fills at most max entries row-major and the shape. 0 or -1 (ragged/unreadable). */
int answer_parse_matrix(const char *s, double *out, int max, int *rows, int *cols);

/* The expected answer as text ("0.7071", "b) Gram matrix", "[1 2; 3 4]"). Caller frees. */
char *answer_expected(const Question *q);

#endif /* LA4AI_ANSWER_H */
