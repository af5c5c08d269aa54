/*
 * answer.c — grading practice answers (see answer.h).
 *
 * Numbers are read by a small recursive-descent parser, so that a learner can type 1/3 or
 * sqrt(2)/2 rather than a rounded decimal:
 *   expr   := term (('+' | '-') term)*
 *   term   := unary (('*' | '/') unary)*
 *   unary  := ('-' | '+') unary | power
 *   power  := atom ('^' unary)?
 *   atom   := number | 'pi' | 'e' | 'sqrt' '(' expr ')' | '(' expr ')'
 */
#include "answer.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct { const char *p; int bad; } Parser;

static double expr(Parser *ps);

static void skip(Parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t')
        ps->p++;
}

static int accept(Parser *ps, const char *tok)
{
    skip(ps);
    size_t n = strlen(tok);
    if (!strncmp(ps->p, tok, n)) {
        ps->p += n;
        return 1;
    }
    return 0;
}

static double atom(Parser *ps)
{
    skip(ps);
    if (accept(ps, "(")) {
        double v = expr(ps);
        if (!accept(ps, ")"))
            ps->bad = 1;
        return v;
    }
    if (accept(ps, "sqrt")) {
        if (!accept(ps, "("))
            ps->bad = 1;
        double v = expr(ps);
        if (!accept(ps, ")"))
            ps->bad = 1;
        return sqrt(v);
    }
    if (accept(ps, "pi") || accept(ps, "π"))
        return M_PI;
    if (*ps->p == 'e' && !isalpha((unsigned char)ps->p[1])) {
        ps->p++;
        return M_E;
    }
    char *end;
    double v = strtod(ps->p, &end);
    if (end == ps->p || isalpha((unsigned char)*ps->p)) { /* no "inf"/"nan" words */
        ps->bad = 1;
        return 0;
    }
    ps->p = end;
    return v;
}

static double unary(Parser *ps);

static double power(Parser *ps)
{
    double base = atom(ps);
    if (accept(ps, "^"))
        return pow(base, unary(ps));
    return base;
}

static double unary(Parser *ps)
{
    if (accept(ps, "-") || accept(ps, "−"))
        return -unary(ps);
    if (accept(ps, "+"))
        return unary(ps);
    return power(ps);
}

static double term(Parser *ps)
{
    double v = unary(ps);
    for (;;) {
        if (accept(ps, "*") || accept(ps, "×") || accept(ps, "·"))
            v *= unary(ps);
        else if (accept(ps, "/"))
            v /= unary(ps);
        else
            return v;
    }
}

static double expr(Parser *ps)
{
    double v = term(ps);
    for (;;) {
        if (accept(ps, "+"))
            v += term(ps);
        else if (accept(ps, "-") || accept(ps, "−"))
            v -= term(ps);
        else
            return v;
    }
}

int answer_parse_number(const char *s, double *out)
{
    Parser ps = { s, 0 };
    double v = expr(&ps);
    skip(&ps);
    if (ps.bad || *ps.p || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int answer_parse_matrix(const char *s, double *out, int max, int *rows, int *cols)
{
    char *copy = xstrdup(s);
    for (char *c = copy; *c; c++) { /* "[[1, 2], [3, 4]]": "]…[" ends a row */
        if (*c != ']')
            continue;
        const char *next = c + 1;
        while (*next == ' ' || *next == ',')
            next++;
        if (*next == '[')
            *c = ';';
    }
    for (char *c = copy; *c; c++) /* the other brackets and commas are decoration */
        if (*c == '[' || *c == ']' || *c == ',')
            *c = ' ';
    int r = 0, width = -1, n = 0, rc = 0;
    char *save_row = NULL;
    for (char *row = strtok_r(copy, ";\n", &save_row); row && !rc;
         row = strtok_r(NULL, ";\n", &save_row)) {
        int k = 0;
        char *save = NULL;
        for (char *tok = strtok_r(row, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
            double v;
            if (n >= max || answer_parse_number(tok, &v) != 0) {
                rc = -1;
                break;
            }
            out[n++] = v;
            k++;
        }
        if (k == 0)
            continue; /* a blank row, e.g. after a trailing ';' */
        if (width >= 0 && k != width)
            rc = -1;
        width = k;
        r++;
    }
    free(copy);
    if (rc || r == 0)
        return -1;
    *rows = r;
    *cols = width;
    return 0;
}

static int choice_index(const char *typed, int n)
{
    while (isspace((unsigned char)*typed))
        typed++;
    int idx = -1;
    if (isalpha((unsigned char)typed[0]))
        idx = tolower((unsigned char)typed[0]) - 'a';
    else if (isdigit((unsigned char)typed[0]))
        idx = atoi(typed) - 1;
    const char *rest = typed + 1;
    while (isdigit((unsigned char)*rest) || *rest == ')' || *rest == '.' || isspace((unsigned char)*rest))
        rest++;
    return *rest == '\0' && idx >= 0 && idx < n ? idx : -1;
}

static AnswerVerdict check_number(const Question *q, const char *typed, char *fb, size_t size)
{
    double v;
    if (answer_parse_number(typed, &v) != 0) {
        snprintf(fb, size, "Could not read \"%s\" as a number. Type e.g. 0.5, -2, 1e-3, 1/3 "
                 "or sqrt(2)/2.", typed);
        return ANSWER_UNREADABLE;
    }
    if (fabs(v - q->number) <= q->tol) {
        snprintf(fb, size, "Right: %.6g.", v);
        return ANSWER_RIGHT;
    }
    snprintf(fb, size, "Not quite: %.6g is off by %.3g (answers within %.3g count).", v,
             fabs(v - q->number), q->tol);
    return ANSWER_WRONG;
}

static AnswerVerdict check_choice(const Question *q, const char *typed, char *fb, size_t size)
{
    int idx = choice_index(typed, q->nchoices);
    if (idx < 0) {
        snprintf(fb, size, "Type one letter, a to %c (or a number, 1 to %d).",
                 'a' + q->nchoices - 1, q->nchoices);
        return ANSWER_UNREADABLE;
    }
    if (idx == q->choice) {
        snprintf(fb, size, "Right: %c) %s.", 'a' + idx, q->choices[idx]);
        return ANSWER_RIGHT;
    }
    snprintf(fb, size, "Not %c) — try again, or read the explanation.", 'a' + idx);
    return ANSWER_WRONG;
}

static AnswerVerdict check_matrix(const Question *q, const char *typed, char *fb, size_t size)
{
    int max = q->rows * q->cols + 64, r, c;
    double *v = xmalloc(sizeof(double) * (size_t)max);
    AnswerVerdict verdict;
    if (answer_parse_matrix(typed, v, max, &r, &c) != 0) {
        snprintf(fb, size, "Could not read that as a matrix: type rows separated by ';' and "
                 "entries by spaces, e.g. \"1 2; 3 4\".");
        verdict = ANSWER_UNREADABLE;
    } else if (!(r == q->rows && c == q->cols) &&
               !(r * c == q->rows * q->cols && (q->rows == 1 || q->cols == 1) &&
                 (r == 1 || c == 1))) { /* a vector may be typed as a row or a column */
        snprintf(fb, size, "That is %d×%d; the answer is %d×%d.", r, c, q->rows, q->cols);
        verdict = ANSWER_WRONG;
    } else {
        int bad = -1;
        for (int i = 0; i < r * c && bad < 0; i++)
            if (!(fabs(v[i] - q->matrix[i]) <= q->tol))
                bad = i;
        if (bad < 0) {
            snprintf(fb, size, "Right.");
            verdict = ANSWER_RIGHT;
        } else {
            snprintf(fb, size, "Not quite: the entry in row %d, column %d (counting from 1) "
                     "is off.", bad / q->cols + 1, bad % q->cols + 1);
            verdict = ANSWER_WRONG;
        }
    }
    free(v);
    return verdict;
}

AnswerVerdict answer_check(const Question *q, const char *typed, char *feedback, size_t size)
{
    static AnswerVerdict (*const checkers[Q_COUNT])(const Question *, const char *, char *,
                                                     size_t) = {
        [Q_NUMBER] = check_number, [Q_CHOICE] = check_choice, [Q_MATRIX] = check_matrix,
    };
    return checkers[q->kind](q, typed ? typed : "", feedback, size);
}

char *answer_expected(const Question *q)
{
    StrBuf b = { 0 };
    if (q->kind == Q_NUMBER) {
        sb_addf(&b, "%.6g", q->number);
    } else if (q->kind == Q_CHOICE) {
        sb_addf(&b, "%c) %s", 'a' + q->choice, q->choices[q->choice]);
    } else {
        sb_add(&b, "[");
        for (int i = 0; i < q->rows; i++)
            for (int j = 0; j < q->cols; j++)
                sb_addf(&b, "%s%.6g", j ? " " : (i ? "; " : ""), q->matrix[i * q->cols + j]);
        sb_add(&b, "]");
    }
    return sb_take(&b);
}
