/*
 * test_course.c — Check suite for src/course.c: loading and validating the lesson files.
 *
 * Every test builds a small course tree in a fresh folder from mkdtemp (course.json, weeks
 * 1–3, and the stub/grader/reference/driver files they name) and loads it. Core: the good tree
 * loads whole, with the right counts, contents, paths and back-pointers. Errors: one test per
 * class of bad file, each asserting the exact "file:line:col: path: message" line, that the bad
 * week is left out and that the other weeks still load. Limits: odd input — deep nesting, huge
 * numbers, bad UTF-8, NUL bytes, every truncation and many one-byte changes of a good file.
 *
 * Week 1 and week 2 stand alone; week 3 links to an exercise of week 2. Expected positions are
 * found by looking up a unique piece of the fixture text (see `at`), except in the syntax tests,
 * which spell them out.
 */
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp */

#include "course.h"

#include <check.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------------------------------- */
/* The fixture course.                                                                       */

static const char COURSE_JSON[] =
    "{\n"
    "  \"format\": 1,\n"
    "  \"title\": \"Linear Algebra for AI\",\n"
    "  \"weeks\": [\n"
    "    { \"week\": 1, \"title\": \"Systems and spaces\" },\n"
    "    { \"week\": 2, \"title\": \"Subspaces and projections\" },\n"
    "    { \"week\": 3, \"title\": \"Least squares\" },\n"
    "    { \"week\": 4, \"title\": \"Determinants\" },\n"
    "    { \"week\": 5, \"title\": \"Eigenvalues\" },\n"
    "    { \"week\": 6, \"title\": \"Symmetric matrices\" },\n"
    "    { \"week\": 7, \"title\": \"SVD\" },\n"
    "    { \"week\": 8, \"title\": \"PCA\" },\n"
    "    { \"week\": 9, \"title\": \"Optimisation\" },\n"
    "    { \"week\": 10, \"title\": \"Capstone\" }\n"
    "  ]\n"
    "}\n";

/* Line numbers matter to the syntax tests: "title" of lesson 0 is line 10, "sources" line 12. */
static const char WEEK01[] =
    "{\n"
    "  \"format\": 1,\n"
    "  \"week\": 1,\n"
    "  \"title\": \"Vectors and elimination\",\n"
    "  \"summary\": \"Vectors, matrices, elimination.\",\n"
    "  \"checkpoint\": \"Checkpoint zero: vectors in C\",\n"
    "  \"lessons\": [\n"
    "    {\n"
    "      \"id\": \"w1-vectors\",\n"
    "      \"title\": \"Vectors — λ and ‖x‖\",\n"
    "      \"minutes\": 40,\n"
    "      \"sources\": [\n"
    "        { \"kind\": \"video\", \"course\": \"MIT 18.06\", \"number\": 1, \"title\": \"The geometry of linear equations\", \"url\": \"https://example.org/1\" },\n"
    "        { \"kind\": \"reading\", \"course\": \"Notes\", \"title\": \"Dot products\", \"url\": \"https://example.org/r\" }\n"
    "      ],\n"
    "      \"sections\": [\n"
    "        { \"type\": \"text\", \"title\": \"Why\", \"body\": \"Prose.\" },\n"
    "        { \"type\": \"concepts\", \"items\": [ { \"term\": \"vector\", \"text\": \"a list of numbers\" }, { \"term\": \"norm\", \"text\": \"a length\" } ] },\n"
    "        { \"type\": \"formula\", \"formula\": \"‖x‖² = xᵀx\", \"note\": \"squared norm\" },\n"
    "        { \"type\": \"example\", \"title\": \"A dot product\", \"body\": \"1·3 + 2·4 = 11\" },\n"
    "        { \"type\": \"code\", \"lang\": \"c\", \"body\": \"double d = dot(x, y, n);\" },\n"
    "        { \"type\": \"ml\", \"body\": \"Embeddings compare by dot products.\" },\n"
    "        { \"type\": \"when\", \"items\": [ { \"use\": \"a dot product\", \"when\": \"comparing directions\" } ] },\n"
    "        { \"type\": \"question\", \"id\": \"w1-q-num\", \"kind\": \"number\", \"prompt\": \"‖(3,4)‖?\", \"explain\": \"Five.\", \"answer\": 5, \"tol\": 0.001 },\n"
    "        { \"type\": \"question\", \"id\": \"w1-q-choice\", \"kind\": \"choice\", \"prompt\": \"Pick\", \"explain\": \"b\", \"choices\": [\"a\", \"b\", \"c\"], \"answer\": 1 },\n"
    "        { \"type\": \"question\", \"id\": \"w1-q-matrix\", \"kind\": \"matrix\", \"prompt\": \"2I?\", \"explain\": \"Diagonal.\", \"answer\": [[2, 0], [0, 2]], \"tol\": 0 },\n"
    "        { \"type\": \"exercise\", \"id\": \"dot\", \"title\": \"Dot product\", \"functions\": [\"vec_dot\"], \"summary\": \"Sum of products.\", \"hints\": [\"Loop.\", \"Accumulate.\"] },\n"
    "        { \"type\": \"exercise\", \"id\": \"norm\", \"title\": \"Norm\", \"functions\": [\"vec_norm\"], \"summary\": \"Length.\", \"hints\": [\"Use dot.\", \"Take sqrt.\"], \"links\": [\"dot\"] }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"w1-lab\",\n"
    "      \"title\": \"Angles\",\n"
    "      \"minutes\": 20,\n"
    "      \"sources\": [],\n"
    "      \"sections\": [\n"
    "        { \"type\": \"lab\", \"id\": \"angles\", \"title\": \"Angles\", \"summary\": \"Measure angles.\", \"uses\": [\"dot\", \"norm\"] }\n"
    "      ]\n"
    "    }\n"
    "  ]\n"
    "}\n";

static const char WEEK02[] =
    "{\n"
    "  \"format\": 1,\n"
    "  \"week\": 2,\n"
    "  \"title\": \"Orthogonality\",\n"
    "  \"summary\": \"Projections and Gram–Schmidt.\",\n"
    "  \"lessons\": [\n"
    "    {\n"
    "      \"id\": \"w2-gram-schmidt\",\n"
    "      \"title\": \"Gram–Schmidt\",\n"
    "      \"minutes\": 30,\n"
    "      \"sources\": [ { \"kind\": \"lecture\", \"course\": \"MIT 18.06\", \"number\": 17, \"title\": \"Orthogonal matrices\", \"url\": \"https://example.org/17\" } ],\n"
    "      \"sections\": [\n"
    "        { \"type\": \"question\", \"id\": \"w2-q-rank\", \"kind\": \"number\", \"prompt\": \"Rank?\", \"explain\": \"Two.\", \"answer\": 2, \"tol\": 0 },\n"
    "        { \"type\": \"exercise\", \"id\": \"gram_schmidt\", \"title\": \"Gram–Schmidt\", \"functions\": [\"gram_schmidt\"], \"summary\": \"Orthonormalise.\", \"hints\": [\"Subtract projections.\", \"Normalise.\"] }\n"
    "      ]\n"
    "    }\n"
    "  ]\n"
    "}\n";

static const char WEEK03[] =
    "{\n"
    "  \"format\": 1,\n"
    "  \"week\": 3,\n"
    "  \"title\": \"Least squares\",\n"
    "  \"summary\": \"Fitting lines.\",\n"
    "  \"lessons\": [\n"
    "    {\n"
    "      \"id\": \"w3-least-squares\",\n"
    "      \"title\": \"Least squares by QR\",\n"
    "      \"minutes\": 45,\n"
    "      \"sources\": [],\n"
    "      \"sections\": [\n"
    "        { \"type\": \"exercise\", \"id\": \"linreg_qr\", \"title\": \"Least squares\", \"functions\": [\"linreg_qr\"], \"summary\": \"Solve Rx = Qᵀb.\", \"hints\": [\"QR first.\", \"Back-substitute.\"], \"links\": [\"gram_schmidt\"] }\n"
    "      ]\n"
    "    }\n"
    "  ]\n"
    "}\n";

/* Every file the fixture weeks name. */
static const char *const SUPPORT_FILES[] = {
    "exercises/week01/dot.c", "graders/week01/dot/grader.c", "graders/week01/dot/reference.c",
    "exercises/week01/norm.c", "graders/week01/norm/grader.c", "graders/week01/norm/reference.c",
    "graders/week01/angles/lab.c",
    "exercises/week02/gram_schmidt.c", "graders/week02/gram_schmidt/grader.c",
    "graders/week02/gram_schmidt/reference.c",
    "exercises/week03/linreg_qr.c", "graders/week03/linreg_qr/grader.c",
    "graders/week03/linreg_qr/reference.c",
};

/* ---------------------------------------------------------------------------------------- */
/* Fixture: root = a fresh folder holding the good course tree.                             */

static char root[96];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* Writes root/rel (making its folders), len bytes of data. */
static void put_bytes(const char *rel, const char *data, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    unlink(path);   /* a new file: rewriting one in place can make the file system flush it */
    for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        ck_assert_msg(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s: %s", path, strerror(errno));
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s: %s", path, strerror(errno));
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

static void put(const char *rel, const char *text) { put_bytes(rel, text, strlen(text)); }

static void drop(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    ck_assert_msg(unlink(path) == 0, "unlink %s: %s", path, strerror(errno));
}

static void setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/la4ai-course-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (strlen(root) >= sizeof root - 1 || !mkdtemp(root)) {
        snprintf(root, sizeof root, "/tmp/la4ai-course-XXXXXX");
        ck_assert_msg(mkdtemp(root) != NULL, "mkdtemp: %s", strerror(errno));
    }
    put("lessons/course.json", COURSE_JSON);
    put("lessons/week01.json", WEEK01);
    put("lessons/week02.json", WEEK02);
    put("lessons/week03.json", WEEK03);
    for (size_t i = 0; i < sizeof SUPPORT_FILES / sizeof *SUPPORT_FILES; i++)
        put(SUPPORT_FILES[i], "/* fixture */\n");
}

static void teardown(void) { nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS); }

/* ---------------------------------------------------------------------------------------- */
/* Helpers.                                                                                  */

/* A copy of text with the first `from` replaced by `to` (which must be there). */
static char *edit(const char *text, const char *from, const char *to)
{
    const char *hit = strstr(text, from);
    ck_assert_msg(hit != NULL, "fixture has no \"%s\"", from);
    size_t head = (size_t)(hit - text), n = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    ck_assert_ptr_nonnull(out);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, hit + strlen(from));
    return out;
}

/* Writes an edited copy of a fixture file and returns the new text (caller frees). */
static char *put_edit(const char *rel, const char *text, const char *from, const char *to)
{
    char *t = edit(text, from, to);
    put(rel, t);
    return t;
}

/* "file:line:col: " where `needle` first starts in text; the column counts UTF-8 characters. */
static const char *at(const char *file, const char *text, const char *needle)
{
    static char buf[8][128];
    static int next;
    const char *hit = strstr(text, needle);
    ck_assert_msg(hit != NULL, "no \"%s\" in the text", needle);
    int line = 1, col = 1;
    for (const char *p = text; p < hit; p++) {
        if (*p == '\n') { line++; col = 1; }
        else if (((unsigned char)*p & 0xC0) != 0x80) col++;
    }
    char *out = buf[next++ % 8];
    snprintf(out, sizeof buf[0], "%s:%d:%d: ", file, line, col);
    return out;
}

static const char *test_case;   /* the table entry a loop test is on, shown when it fails */

static void dump(const CourseErrors *e)
{
    if (test_case) fprintf(stderr, "  case: %s\n", test_case);
    for (int i = 0; i < e->count; i++) fprintf(stderr, "  | %s\n", e->lines[i]);
}

/* Asserts that the errors are exactly one line: prefix + message. */
static void expect_only(const CourseErrors *e, const char *prefix, const char *message)
{
    char want[1024];
    snprintf(want, sizeof want, "%s%s", prefix, message);
    if (e->count != 1 || strcmp(e->lines[0], want) != 0) {
        fprintf(stderr, "expected exactly:\n  | %s\ngot %d:\n", want, e->count);
        dump(e);
    }
    ck_assert_int_eq(e->count, 1);
    ck_assert_str_eq(e->lines[0], want);
}

/* Asserts that some error line starts with prefix and contains message. */
static void expect_some(const CourseErrors *e, const char *prefix, const char *message)
{
    for (int i = 0; i < e->count; i++)
        if (strncmp(e->lines[i], prefix, strlen(prefix)) == 0 && strstr(e->lines[i], message)) return;
    fprintf(stderr, "no error %s…%s among %d:\n", prefix, message, e->count);
    dump(e);
    ck_abort_msg("missing error: %s...%s", prefix, message);
}

/* The weeks written in c, as a bit set (bit k: week k + 1). */
static unsigned written(const Course *c)
{
    unsigned bits = 0;
    for (int k = 0; k < COURSE_WEEKS; k++) bits |= (unsigned)c->weeks[k].written << k;
    return bits;
}

#define WEEKS_123 0x7u

/* Lines of the week-1 fixture (it ends with a newline). */
static int week01_lines(void)
{
    int n = 0;
    for (const char *p = WEEK01; *p; p++) n += *p == '\n';
    return n;
}

/* After a bad week 1: the course loads, week 1 shows as not written with its course.json
   title, and weeks 2 and 3 are whole. */
static void expect_week1_left_out(const Course *c)
{
    ck_assert_ptr_nonnull(c);
    ck_assert_uint_eq(written(c), 0x6u);
    ck_assert_str_eq(c->weeks[0].title, "Systems and spaces");
    ck_assert_int_eq(c->weeks[0].nlessons, 0);
    ck_assert_int_eq(c->nexercises, 2);
    ck_assert_str_eq(c->exercises[0]->id, "gram_schmidt");
    ck_assert_str_eq(c->exercises[1]->id, "linreg_qr");
    ck_assert_ptr_null(course_exercise(c, "dot"));
    ck_assert_ptr_null(course_lab(c, "angles"));
    ck_assert_int_eq(c->nquestions, 1);
}

/* ---------------------------------------------------------------------------------------- */
/* Core.                                                                                     */

START_TEST(test_good_course_loads)
{
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    if (e.count) dump(&e);
    ck_assert_int_eq(e.count, 0);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(c->root, root);
    ck_assert_str_eq(c->title, "Linear Algebra for AI");
    ck_assert_uint_eq(written(c), WEEKS_123);
    for (int k = 0; k < COURSE_WEEKS; k++) ck_assert_int_eq(c->weeks[k].number, k + 1);
    /* written weeks take their title from their own file; the rest keep course.json's */
    ck_assert_str_eq(c->weeks[0].title, "Vectors and elimination");
    ck_assert_str_eq(c->weeks[0].summary, "Vectors, matrices, elimination.");
    ck_assert_str_eq(c->weeks[0].checkpoint, "Checkpoint zero: vectors in C");
    ck_assert_ptr_null(c->weeks[1].checkpoint);
    ck_assert_str_eq(c->weeks[6].title, "SVD");
    ck_assert_ptr_null(c->weeks[6].summary);
    ck_assert_int_eq(c->weeks[6].nlessons, 0);
    ck_assert_int_eq(c->weeks[0].nlessons, 2);
    ck_assert_int_eq(c->weeks[1].nlessons, 1);
    /* the flat lists, in course order */
    static const char *const exercises[] = { "dot", "norm", "gram_schmidt", "linreg_qr" };
    static const char *const questions[] = { "w1-q-num", "w1-q-choice", "w1-q-matrix", "w2-q-rank" };
    ck_assert_int_eq(c->nexercises, 4);
    for (int i = 0; i < 4; i++) ck_assert_str_eq(c->exercises[i]->id, exercises[i]);
    ck_assert_int_eq(c->nquestions, 4);
    for (int i = 0; i < 4; i++) ck_assert_str_eq(c->questions[i]->id, questions[i]);
    ck_assert_int_eq(c->nlabs, 1);
    ck_assert_str_eq(c->labs[0]->id, "angles");
    course_free(c);
    course_errors_free(&e);
}
END_TEST

START_TEST(test_back_pointers)
{
    Course *c = course_load(root, NULL);
    ck_assert_ptr_nonnull(c);
    Lesson *vectors = course_lesson(c, "w1-vectors"), *lab = course_lesson(c, "w1-lab");
    ck_assert_ptr_eq(vectors, &c->weeks[0].lessons[0]);
    ck_assert_ptr_eq(lab, &c->weeks[0].lessons[1]);
    ck_assert_int_eq(vectors->week, 1);
    ck_assert_int_eq(vectors->minutes, 40);
    for (int i = 0; i < c->nexercises; i++) {
        Exercise *x = c->exercises[i];
        ck_assert_ptr_nonnull(x->lesson);
        ck_assert_int_eq(x->week, x->lesson->week);
        /* the exercise is one of its lesson's sections */
        bool found = false;
        for (int j = 0; j < x->lesson->nsections; j++) found |= x->lesson->sections[j].exercise == x;
        ck_assert_msg(found, "%s is not in its lesson", x->id);
    }
    ck_assert_ptr_eq(course_exercise(c, "norm")->lesson, vectors);
    ck_assert_int_eq(course_exercise(c, "gram_schmidt")->week, 2);
    ck_assert_ptr_eq(course_exercise(c, "gram_schmidt")->lesson, course_lesson(c, "w2-gram-schmidt"));
    ck_assert_int_eq(course_exercise(c, "linreg_qr")->week, 3);
    ck_assert_ptr_eq(course_lab(c, "angles")->lesson, lab);
    ck_assert_int_eq(course_lab(c, "angles")->week, 1);
    course_free(c);
}
END_TEST

START_TEST(test_sections_read)
{
    static const SectionType types[] = {
        SEC_TEXT, SEC_CONCEPTS, SEC_FORMULA, SEC_EXAMPLE, SEC_CODE, SEC_ML, SEC_WHEN,
        SEC_QUESTION, SEC_QUESTION, SEC_QUESTION, SEC_EXERCISE, SEC_EXERCISE,
    };
    Course *c = course_load(root, NULL);
    ck_assert_ptr_nonnull(c);
    Lesson *l = course_lesson(c, "w1-vectors");
    ck_assert_str_eq(l->title, "Vectors — λ and ‖x‖");
    ck_assert_int_eq(l->nsections, 12);
    for (int i = 0; i < 12; i++) ck_assert_int_eq(l->sections[i].type, types[i]);
    Section *s = l->sections;
    ck_assert_str_eq(s[0].title, "Why");
    ck_assert_str_eq(s[0].body, "Prose.");
    ck_assert_int_eq(s[1].nitems, 2);
    ck_assert_str_eq(s[1].items[1].a, "norm");
    ck_assert_str_eq(s[1].items[1].b, "a length");
    ck_assert_str_eq(s[2].body, "‖x‖² = xᵀx");
    ck_assert_str_eq(s[2].note, "squared norm");
    ck_assert_str_eq(s[3].title, "A dot product");
    ck_assert_str_eq(s[4].lang, "c");
    ck_assert_ptr_null(s[4].title);
    ck_assert_str_eq(s[5].body, "Embeddings compare by dot products.");
    ck_assert_int_eq(s[6].nitems, 1);
    ck_assert_str_eq(s[6].items[0].a, "a dot product");
    ck_assert_str_eq(s[6].items[0].b, "comparing directions");
    ck_assert_ptr_eq(s[7].question, course_question(c, "w1-q-num"));
    ck_assert_ptr_null(s[7].exercise);
    /* sources: number is 0 when none */
    ck_assert_int_eq(l->nsources, 2);
    ck_assert_str_eq(l->sources[0].kind, "video");
    ck_assert_str_eq(l->sources[0].course, "MIT 18.06");
    ck_assert_int_eq(l->sources[0].number, 1);
    ck_assert_str_eq(l->sources[1].kind, "reading");
    ck_assert_int_eq(l->sources[1].number, 0);
    ck_assert_str_eq(l->sources[1].url, "https://example.org/r");
    ck_assert_int_eq(course_lesson(c, "w1-lab")->nsources, 0);
    /* exercise contents */
    Exercise *norm = course_exercise(c, "norm");
    ck_assert_str_eq(norm->title, "Norm");
    ck_assert_str_eq(norm->summary, "Length.");
    ck_assert_int_eq(norm->nfunctions, 1);
    ck_assert_str_eq(norm->functions[0], "vec_norm");
    ck_assert_int_eq(norm->nhints, 2);
    ck_assert_str_eq(norm->hints[1], "Take sqrt.");
    ck_assert_int_eq(norm->nlinks, 1);
    ck_assert_str_eq(norm->links[0], "dot");
    ck_assert_int_eq(course_exercise(c, "dot")->nlinks, 0);
    Lab *angles = course_lab(c, "angles");
    ck_assert_int_eq(angles->nuses, 2);
    ck_assert_str_eq(angles->uses[1], "norm");
    course_free(c);
}
END_TEST

START_TEST(test_questions_read)
{
    Course *c = course_load(root, NULL);
    ck_assert_ptr_nonnull(c);
    Question *q = course_question(c, "w1-q-num");
    ck_assert_int_eq(q->kind, Q_NUMBER);
    ck_assert_str_eq(q->prompt, "‖(3,4)‖?");
    ck_assert_str_eq(q->explain, "Five.");
    ck_assert_double_eq(q->number, 5);
    ck_assert_double_eq(q->tol, 0.001);
    q = course_question(c, "w1-q-choice");
    ck_assert_int_eq(q->kind, Q_CHOICE);
    ck_assert_int_eq(q->nchoices, 3);
    ck_assert_str_eq(q->choices[2], "c");
    ck_assert_int_eq(q->choice, 1);
    q = course_question(c, "w1-q-matrix");
    ck_assert_int_eq(q->kind, Q_MATRIX);
    ck_assert_int_eq(q->rows, 2);
    ck_assert_int_eq(q->cols, 2);
    static const double two_i[] = { 2, 0, 0, 2 };
    for (int i = 0; i < 4; i++) ck_assert_double_eq(q->matrix[i], two_i[i]);
    ck_assert_double_eq(q->tol, 0);
    course_free(c);
}
END_TEST

START_TEST(test_matrix_row_major)
{
    char *t = put_edit("lessons/week01.json", WEEK01, "[[2, 0], [0, 2]]", "[[1, 2, 3], [4, 5, 6]]");
    Course *c = course_load(root, NULL);
    ck_assert_ptr_nonnull(c);
    Question *q = course_question(c, "w1-q-matrix");
    ck_assert_int_eq(q->rows, 2);
    ck_assert_int_eq(q->cols, 3);
    for (int i = 0; i < 6; i++) ck_assert_double_eq(q->matrix[i], i + 1);   /* row by row */
    course_free(c);
    free(t);
}
END_TEST

START_TEST(test_paths_relative)
{
    Course *c = course_load(root, NULL);
    ck_assert_ptr_nonnull(c);
    Exercise *x = course_exercise(c, "gram_schmidt");
    ck_assert_str_eq(x->stub, "exercises/week02/gram_schmidt.c");
    ck_assert_str_eq(x->grader, "graders/week02/gram_schmidt/grader.c");
    ck_assert_str_eq(x->reference, "graders/week02/gram_schmidt/reference.c");
    ck_assert_str_eq(course_lab(c, "angles")->driver, "graders/week01/angles/lab.c");
    course_free(c);
}
END_TEST

START_TEST(test_lookups)
{
    Course *c = course_load(root, NULL);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(course_exercise(c, "linreg_qr")->id, "linreg_qr");
    ck_assert_str_eq(course_question(c, "w2-q-rank")->id, "w2-q-rank");
    ck_assert_str_eq(course_lesson(c, "w3-least-squares")->id, "w3-least-squares");
    ck_assert_str_eq(course_lab(c, "angles")->id, "angles");
    /* each lookup knows only its own kind of id */
    ck_assert_ptr_null(course_exercise(c, "angles"));
    ck_assert_ptr_null(course_lab(c, "dot"));
    ck_assert_ptr_null(course_question(c, "w1-vectors"));
    ck_assert_ptr_null(course_lesson(c, "w1-q-num"));
    ck_assert_ptr_null(course_exercise(c, "nope"));
    ck_assert_ptr_null(course_exercise(c, NULL));
    ck_assert_ptr_null(course_lesson(NULL, "w1-vectors"));
    course_free(c);
    course_free(NULL);
    course_errors_free(NULL);
}
END_TEST

START_TEST(test_enum_names)
{
    static const char *const sections[SEC_COUNT] = {
        "text", "concepts", "formula", "example", "code", "ml", "when", "question", "exercise", "lab",
    };
    for (int t = 0; t < SEC_COUNT; t++) ck_assert_str_eq(course_section_name((SectionType)t), sections[t]);
    ck_assert_str_eq(course_question_kind_name(Q_NUMBER), "number");
    ck_assert_str_eq(course_question_kind_name(Q_CHOICE), "choice");
    ck_assert_str_eq(course_question_kind_name(Q_MATRIX), "matrix");
}
END_TEST

START_TEST(test_unknown_fields_ignored)
{
    char *t = put_edit("lessons/week01.json", WEEK01, "\"minutes\": 40,",
                       "\"minutes\": 40, \"draft\": { \"notes\": [1, [2, {\"x\": null}], \"y\"] }, \"tags\": [],");
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    ck_assert_int_eq(e.count, 0);
    ck_assert_uint_eq(written(c), WEEKS_123);
    course_free(c);
    course_errors_free(&e);
    free(t);
}
END_TEST

START_TEST(test_errors_appended)
{
    CourseErrors e = { 0 };
    drop("graders/week02/gram_schmidt/grader.c");
    Course *c = course_load(root, &e);
    int first = e.count;
    ck_assert_int_ge(first, 1);
    course_free(c);
    c = course_load(root, &e);   /* a second load appends to the same list */
    ck_assert_int_eq(e.count, 2 * first);
    ck_assert_str_eq(e.lines[0], e.lines[first]);
    course_free(c);
    course_errors_free(&e);
    ck_assert_int_eq(e.count, 0);
    ck_assert_ptr_null(e.lines);
}
END_TEST

/* ---------------------------------------------------------------------------------------- */
/* Errors: one bad thing in week 1 each; the other weeks still load.                        */

#define W1 "lessons/week01.json"

START_TEST(test_syntax_error_position)
{
    /* line 10 is `      "title": "Vectors — λ and ‖x‖",`; the stray x is its 38th character
       (the 45th byte: —, λ and ‖ take 3, 2 and 3 bytes) */
    char *t = put_edit(W1, WEEK01, "‖x‖\",", "‖x‖\" x,");
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    expect_only(&e, W1 ":10:38: ", "unexpected 'x'");
    expect_week1_left_out(c);
    course_free(c);
    course_errors_free(&e);
    free(t);
}
END_TEST

START_TEST(test_syntax_missing_comma)
{
    /* without the comma after "minutes": 40, cJSON stops at "sources", line 12 column 7 */
    char *t = put_edit(W1, WEEK01, "\"minutes\": 40,", "\"minutes\": 40");
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    expect_only(&e, W1 ":12:7: ", "missing ',' before this");
    expect_week1_left_out(c);
    course_free(c);
    course_errors_free(&e);
    free(t);
}
END_TEST

/* Syntax errors whose place is a piece of the text: {replace, with, place, message}. */
static const struct { const char *from, *to, *place, *message; } syntax_cases[] = {
    /* cJSON reports a bad key one byte late; the loader points at the key itself */
    { "\"summary\": \"Vectors, matrices, elimination.\",", "summary: 1,", "summary: 1,",
      "expected a field name in double quotes, got 's'" },
    { "\"sources\": [],", "\"sources\": [], }", "}\n      \"sections\"", "expected a field name in double quotes, got '}'" },
    { "\"week\": 1,", "\"week\" 1,", "1,\n  \"title\"", "missing ':' after the field name" },
    { "\"title\": \"Angles\",", "\"title\": \"Angles\\q\",", "\\q", "invalid escape sequence in string" },
    { "\"minutes\": 20,", "\"minutes\": 20 ]", "]\n      \"sources\": [],", "unexpected ']'" },
    { "\"minutes\": 20,", "\"minutes\": tru,", "tru,", "unexpected 't'" },
};

START_TEST(test_syntax_cases)
{
    char *t = put_edit(W1, WEEK01, syntax_cases[_i].from, syntax_cases[_i].to);
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    expect_only(&e, at(W1, t, syntax_cases[_i].place), syntax_cases[_i].message);
    expect_week1_left_out(c);
    course_free(c);
    course_errors_free(&e);
    free(t);
}
END_TEST

START_TEST(test_unexpected_end)
{
    /* cut after `"minutes": 40,`: the error is at the end of the text (line 11, after 20 characters) */
    char *t = edit(WEEK01, "", "");
    *strstr(t, "\"sources\"") = '\0';
    put(W1, t);
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    expect_only(&e, W1 ":11:21: ", "unexpected end of file");
    expect_week1_left_out(c);
    course_free(c);
    course_errors_free(&e);
    free(t);
}
END_TEST

START_TEST(test_unclosed_string)
{
    put(W1, "{\n  \"format\": 1,\n  \"title\": \"never closed\n}\n");
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    expect_only(&e, W1 ":3:12: ", "string is not closed");
    expect_week1_left_out(c);
    course_free(c);
    course_errors_free(&e);
}
END_TEST

/* Semantic errors: {replace, with, place of the error, path: message}. */
static const struct { const char *name, *from, *to, *place, *message; } bad_cases[] = {
    { "missing field",
      "\"answer\": 5, ", "", "{ \"type\": \"question\", \"id\": \"w1-q-num\"",
      "lessons[0].sections[7]: missing field \"answer\"" },
    { "wrong type",
      "\"tol\": 0.001", "\"tol\": \"small\"", "\"small\"",
      "lessons[0].sections[7]: field \"tol\" should be a number, got a string" },
    { "unknown section type",
      "\"type\": \"ml\"", "\"type\": \"aside\"", "\"aside\"",
      "lessons[0].sections[5]: unknown section type \"aside\" (expected text, concepts, formula, "
      "example, code, ml, when, question, exercise or lab)" },
    { "unknown question kind",
      "\"kind\": \"choice\"", "\"kind\": \"multi\"", "\"multi\"",
      "lessons[0].sections[8]: unknown question kind \"multi\" (expected number, choice or matrix)" },
    { "unknown source kind",
      "\"kind\": \"video\"", "\"kind\": \"podcast\"", "\"podcast\"",
      "lessons[0].sources[0]: unknown source kind \"podcast\" (expected video, lecture or reading)" },
    { "choice answer out of range",
      "\"choices\": [\"a\", \"b\", \"c\"], \"answer\": 1", "\"choices\": [\"a\", \"b\", \"c\"], \"answer\": 3", "3 }",
      "lessons[0].sections[8]: field \"answer\" is 3, but the choices are numbered 0 to 2" },
    { "negative choice answer",
      "\"choices\": [\"a\", \"b\", \"c\"], \"answer\": 1", "\"choices\": [\"a\", \"b\", \"c\"], \"answer\": -1", "-1",
      "lessons[0].sections[8]: field \"answer\" should be an integer >= 0, got -1" },
    { "too few choices",
      "[\"a\", \"b\", \"c\"], \"answer\": 1", "[\"a\"], \"answer\": 0", "[\"a\"]",
      "lessons[0].sections[8]: field \"choices\" should have 2 to 6 items, got 1" },
    { "ragged matrix answer",
      "[[2, 0], [0, 2]]", "[[2, 0], [0, 2, 1]]", "[0, 2, 1]",
      "lessons[0].sections[9].answer[1]: row has 3 entries, but answer[0] has 2; a matrix is rectangular" },
    { "empty matrix answer",
      "[[2, 0], [0, 2]]", "[]", "[], \"tol\"",
      "lessons[0].sections[9]: field \"answer\" should have at least one row" },
    { "empty matrix row",
      "[[2, 0], [0, 2]]", "[[]]", "[]]",
      "lessons[0].sections[9].answer[0]: row is empty" },
    { "matrix entry not a number",
      "[[2, 0], [0, 2]]", "[[2, 0], [0, \"2\"]]", "\"2\"]]",
      "lessons[0].sections[9].answer[1][1]: should be a number, got a string" },
    { "negative tolerance",
      "\"tol\": 0 }", "\"tol\": -0.5 }", "-0.5",
      "lessons[0].sections[9]: field \"tol\" should be >= 0, got -0.5" },
    { "one hint",
      "[\"Loop.\", \"Accumulate.\"]", "[\"Loop.\"]", "[\"Loop.\"]",
      "lessons[0].sections[10]: field \"hints\" should have at least 2 items, got 1" },
    { "hint not a string",
      "[\"Loop.\", \"Accumulate.\"]", "[\"Loop.\", 2]", "2] }",
      "lessons[0].sections[10].hints[1]: should be a string, got a number" },
    { "no functions",
      "[\"vec_dot\"]", "[]", "[], \"summary\"",
      "lessons[0].sections[10]: field \"functions\" should have at least 1 items, got 0" },
    { "lesson id pattern",
      "\"w1-vectors\"", "\"W1 vectors\"", "\"W1 vectors\"",
      "lessons[0]: field \"id\" should match [a-z0-9-]+, got \"W1 vectors\"" },
    { "question id pattern",
      "\"w1-q-num\"", "\"w1_q_num\"", "\"w1_q_num\"",
      "lessons[0].sections[7]: field \"id\" should match [a-z0-9-]+, got \"w1_q_num\"" },
    { "lab id pattern",
      "\"angles\"", "\"an-gles\"", "\"an-gles\"",
      "lessons[1].sections[0]: field \"id\" should match [a-z0-9_]+, got \"an-gles\"" },
    { "duplicate id in one file",
      "\"id\": \"w1-q-choice\"", "\"id\": \"w1-q-num\"", "\"w1-q-num\", \"kind\": \"choice\"",
      NULL /* message built from the first place */ },
    { "links naming an unknown exercise",
      "\"links\": [\"dot\"]", "\"links\": [\"dott\"]", "\"dott\"",
      "lessons[0].sections[11].links[0]: no exercise \"dott\" in the course" },
    { "uses naming a question",
      "\"uses\": [\"dot\", \"norm\"]", "\"uses\": [\"dot\", \"w1-q-num\"]", "\"w1-q-num\"]",
      "lessons[1].sections[0].uses[1]: \"w1-q-num\" is a question, not an exercise" },
    { "week not matching the file name",
      "\"week\": 1,", "\"week\": 2,", "2,\n  \"title\"",
      "field \"week\" is 2, but the file is week01.json" },
    { "week out of range",
      "\"week\": 1,", "\"week\": 11,", "11,",
      "field \"week\" should be an integer from 1 to 10, got 11" },
    { "format 2",
      "\"format\": 1,", "\"format\": 2,", "2,\n  \"week\"",
      "unsupported format 2 (this version reads format 1)" },
    { "format a string",
      "\"format\": 1,", "\"format\": \"1\",", "\"1\"",
      "field \"format\" should be a number, got a string" },
    { "no sections",
      "\"sections\": [\n        { \"type\": \"lab\", \"id\": \"angles\", \"title\": \"Angles\", \"summary\": \"Measure angles.\", \"uses\": [\"dot\", \"norm\"] }\n      ]",
      "\"sections\": []", "[]\n",
      "lessons[1]: field \"sections\" should have at least 1 item" },
    { "section not an object",
      "{ \"type\": \"ml\", \"body\": \"Embeddings compare by dot products.\" }", "[\"ml\"]", "[\"ml\"]",
      "lessons[0].sections[5]: should be an object, got an array" },
    { "lessons an object",
      "\"lessons\": [", "\"lessons\": {\"x\": 1}, \"was\": [", "{\"x\"",
      "field \"lessons\" should be an array, got an object" },
    { "minutes zero",
      "\"minutes\": 40", "\"minutes\": 0", "0,",
      "lessons[0]: field \"minutes\" should be an integer >= 1, got 0" },
    { "minutes fractional",
      "\"minutes\": 40", "\"minutes\": 2.5", "2.5",
      "lessons[0]: field \"minutes\" should be an integer >= 1, got 2.5" },
    { "missing title at the top",
      "\"title\": \"Vectors and elimination\",", "", "{",
      "missing field \"title\"" },
};

START_TEST(test_bad_week)
{
    test_case = bad_cases[_i].name;
    char *t = put_edit(W1, WEEK01, bad_cases[_i].from, bad_cases[_i].to);
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    const char *prefix = at(W1, t, bad_cases[_i].place);
    if (bad_cases[_i].message) {
        expect_only(&e, prefix, bad_cases[_i].message);
    } else {   /* duplicate id: "(first at …)" names where the id first appears */
        char msg[256];
        const char *first = at(W1, t, "\"w1-q-num\"");
        snprintf(msg, sizeof msg, "lessons[0].sections[8]: duplicate id \"w1-q-num\" (first at %.*s)",
                 (int)strlen(first) - 2, first);
        expect_only(&e, prefix, msg);
    }
    expect_week1_left_out(c);
    course_free(c);
    course_errors_free(&e);
    free(t);
}
END_TEST

START_TEST(test_duplicate_id_across_weeks)
{
    /* week 3 reuses the id of a week-1 lesson: the error is in week 3, where it comes second */
    char *t = put_edit("lessons/week03.json", WEEK03, "\"w3-least-squares\"", "\"w1-lab\"");
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    char msg[256];
    const char *first = at(W1, WEEK01, "\"w1-lab\"");
    snprintf(msg, sizeof msg, "lessons[0]: duplicate id \"w1-lab\" (first at %.*s)", (int)strlen(first) - 2, first);
    expect_only(&e, at("lessons/week03.json", t, "\"w1-lab\""), msg);
    ck_assert_str_eq(msg, "lessons[0]: duplicate id \"w1-lab\" (first at lessons/week01.json:32:13)");
    ck_assert_uint_eq(written(c), 0x3u);
    ck_assert_str_eq(c->weeks[2].title, "Least squares");
    ck_assert_ptr_eq(course_lesson(c, "w1-lab"), &c->weeks[0].lessons[1]);
    ck_assert_ptr_null(course_exercise(c, "linreg_qr"));
    course_free(c);
    course_errors_free(&e);
    free(t);
}
END_TEST

/* Files an exercise or lab must come with: {file removed, message}. */
static const struct { const char *file, *message; } missing_files[] = {
    { "exercises/week01/dot.c", "exercise \"dot\": missing stub exercises/week01/dot.c" },
    { "graders/week01/dot/grader.c", "exercise \"dot\": missing grader graders/week01/dot/grader.c" },
    { "graders/week01/dot/reference.c", "exercise \"dot\": missing reference graders/week01/dot/reference.c" },
};

START_TEST(test_exercise_missing_file)
{
    drop(missing_files[_i].file);
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    char msg[256];
    snprintf(msg, sizeof msg, "lessons[0].sections[10]: %s", missing_files[_i].message);
    expect_only(&e, at(W1, WEEK01, "\"dot\", \"title\""), msg);
    expect_week1_left_out(c);
    course_free(c);
    course_errors_free(&e);
}
END_TEST

START_TEST(test_lab_without_driver)
{
    drop("graders/week01/angles/lab.c");
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    expect_only(&e, at(W1, WEEK01, "\"angles\""),
                "lessons[1].sections[0]: lab \"angles\": missing driver graders/week01/angles/lab.c");
    expect_week1_left_out(c);
    course_free(c);
    course_errors_free(&e);
}
END_TEST

START_TEST(test_bad_week_spreads_to_links)
{
    /* week 3 links gram_schmidt of week 2; with week 2 broken, week 3 cannot load either */
    char *t = put_edit("lessons/week02.json", WEEK02, "\"format\": 1", "\"format\": 3");
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    /* week 2 has no usable tree, so the course has no gram_schmidt at all */
    ck_assert_int_eq(e.count, 2);
    expect_some(&e, at("lessons/week02.json", t, "3,"), "unsupported format 3");
    expect_some(&e, at("lessons/week03.json", WEEK03, "\"gram_schmidt\"]"),
                "lessons[0].sections[0].links[0]: no exercise \"gram_schmidt\" in the course");
    ck_assert_uint_eq(written(c), 0x1u);
    course_free(c);
    course_errors_free(&e);
    free(t);
    /* a semantic error keeps the tree: then week 3 is told which week is at fault */
    t = put_edit("lessons/week02.json", WEEK02, "\"minutes\": 30", "\"minutes\": -30");
    c = course_load(root, &e);
    ck_assert_int_eq(e.count, 2);
    expect_some(&e, at("lessons/week02.json", t, "-30"), "lessons[0]: field \"minutes\"");
    expect_some(&e, at("lessons/week03.json", WEEK03, "\"gram_schmidt\"]"),
                "lessons[0].sections[0].links[0]: exercise \"gram_schmidt\" is in lessons/week02.json, "
                "which has errors");
    ck_assert_uint_eq(written(c), 0x1u);
    ck_assert_str_eq(c->weeks[1].title, "Subspaces and projections");
    course_free(c);
    course_errors_free(&e);
    free(t);
}
END_TEST

START_TEST(test_empty_file)
{
    static const char *const empties[] = { "", "  \n\t\n", "\xEF\xBB\xBF" };
    for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
        put(W1, empties[i]);
        CourseErrors e = { 0 };
        Course *c = course_load(root, &e);
        expect_only(&e, W1 ":1:1: ", "the file is empty");
        expect_week1_left_out(c);
        course_free(c);
        course_errors_free(&e);
    }
}
END_TEST

START_TEST(test_top_level_not_object)
{
    static const struct { const char *text, *message; } tops[] = {
        { "[1, 2]\n", "the file should hold a JSON object, got an array" },
        { "\n  \"week\"\n", "the file should hold a JSON object, got a string" },
        { "null", "the file should hold a JSON object, got null" },
        { "42", "the file should hold a JSON object, got a number" },
    };
    for (size_t i = 0; i < sizeof tops / sizeof *tops; i++) {
        put(W1, tops[i].text);
        CourseErrors e = { 0 };
        Course *c = course_load(root, &e);
        expect_only(&e, at(W1, tops[i].text, tops[i].text[0] == '\n' ? "\"" : tops[i].text), tops[i].message);
        expect_week1_left_out(c);
        course_free(c);
        course_errors_free(&e);
    }
}
END_TEST

START_TEST(test_several_errors_in_order)
{
    /* every problem of a file is reported, sorted by position */
    char *t1 = edit(WEEK01, "\"tol\": 0.001", "\"tol\": \"small\"");
    char *t2 = edit(t1, "\"prompt\": \"Pick\", ", "");
    char *t3 = edit(t2, "\"minutes\": 20", "\"minutes\": \"twenty\"");
    put(W1, t3);
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    ck_assert_int_eq(e.count, 3);
    ck_assert_ptr_eq(strstr(e.lines[0], at(W1, t3, "\"small\"")), e.lines[0]);
    ck_assert_ptr_eq(strstr(e.lines[1], at(W1, t3, "{ \"type\": \"question\", \"id\": \"w1-q-choice\"")), e.lines[1]);
    ck_assert_ptr_nonnull(strstr(e.lines[1], "missing field \"prompt\""));
    ck_assert_ptr_eq(strstr(e.lines[2], at(W1, t3, "\"twenty\"")), e.lines[2]);
    expect_week1_left_out(c);
    course_free(c);
    course_errors_free(&e);
    free(t1);
    free(t2);
    free(t3);
}
END_TEST

START_TEST(test_course_json_missing)
{
    drop("lessons/course.json");
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    ck_assert_ptr_null(c);
    expect_only(&e, "lessons/course.json: ", "cannot read the file: No such file or directory");
    course_errors_free(&e);
}
END_TEST

START_TEST(test_course_json_broken)
{
    static const struct { const char *from, *to, *place, *message; int count; } cases[] = {
        { "\"title\": \"Capstone\" }", "\"title\": \"Capstone\" },", "]\n}", "unexpected ']'", 1 },
        { "{ \"week\": 7, \"title\": \"SVD\" },\n", "", "[\n",
          "field \"weeks\" has no week 7 (all 10 weeks are listed)", 1 },
        { "\"week\": 7,", "\"week\": 6,", "{ \"week\": 6, \"title\": \"SVD\"", "weeks[6]: week 6 is listed twice", 2 },
        { "\"week\": 10,", "\"week\": 11,", "11,", "weeks[9]: field \"week\" should be an integer from 1 to 10, got 11", 2 },
        { "\"format\": 1", "\"format\": 0", "0,", "unsupported format 0 (this version reads format 1)", 1 },
        { "\"title\": \"Linear Algebra for AI\",", "", "{", "missing field \"title\"", 1 },
        { "\"weeks\": [", "\"weeks\": 7, \"old\": [", "7,", "field \"weeks\" should be an array, got a number", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *t = put_edit("lessons/course.json", COURSE_JSON, cases[i].from, cases[i].to);
        CourseErrors e = { 0 };
        Course *c = course_load(root, &e);
        ck_assert_ptr_null(c);
        if (e.count != cases[i].count) dump(&e);
        ck_assert_int_eq(e.count, cases[i].count);
        expect_some(&e, at("lessons/course.json", t, cases[i].place), cases[i].message);
        course_errors_free(&e);
        free(t);
    }
}
END_TEST

START_TEST(test_course_json_broken_weeks_still_checked)
{
    /* a broken course.json gives NULL, but the weeks are still checked and reported */
    put("lessons/course.json", "{}");
    char *t = put_edit(W1, WEEK01, "\"tol\": 0.001", "\"tol\": null");
    CourseErrors e = { 0 };
    ck_assert_ptr_null(course_load(root, &e));
    ck_assert_int_eq(e.count, 2);
    expect_some(&e, "lessons/course.json:1:1: ", "missing field \"format\"");
    expect_some(&e, at(W1, t, "null"), "field \"tol\" should be a number, got null");
    /* week 1 is broken; nothing else depends on it */
    course_errors_free(&e);
    free(t);
}
END_TEST

START_TEST(test_missing_weeks_are_not_written)
{
    drop("lessons/week02.json");
    drop("lessons/week03.json");
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    ck_assert_int_eq(e.count, 0);
    ck_assert_uint_eq(written(c), 0x1u);
    ck_assert_str_eq(c->weeks[1].title, "Subspaces and projections");
    ck_assert_str_eq(c->weeks[2].title, "Least squares");
    ck_assert_int_eq(c->nexercises, 2);
    course_free(c);
}
END_TEST

/* ---------------------------------------------------------------------------------------- */
/* Limits: odd input never crashes, leaks (under ASan) or takes other weeks down.           */

static void expect_week1_error(const char *prefix, const char *message)
{
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    expect_some(&e, prefix, message);
    expect_week1_left_out(c);
    course_free(c);
    course_errors_free(&e);
}

START_TEST(test_deep_nesting)
{
    size_t n = 100000;
    char *deep = malloc(n + 1);
    memset(deep, '[', n);
    deep[n] = '\0';
    put(W1, deep);
    expect_week1_error(W1 ":1:1001: ", "nested more than 1000 levels deep");
    /* nesting cJSON takes, in a field nobody reads: loads */
    char *inner = malloc(2 * 900 + 1);
    memset(inner, '[', 900);
    memset(inner + 900, ']', 900);
    inner[1800] = '\0';
    char *to = malloc(1800 + 64);
    sprintf(to, "\"minutes\": 40, \"deep\": %s,", inner);
    char *t = put_edit(W1, WEEK01, "\"minutes\": 40,", to);
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    ck_assert_int_eq(e.count, 0);
    ck_assert_uint_eq(written(c), WEEKS_123);
    course_free(c);
    /* and a problem after it is still placed right */
    free(t);
    char *t2 = edit(WEEK01, "\"minutes\": 40,", to);
    t = put_edit(W1, t2, "\"tol\": 0.001", "\"tol\": []");
    expect_week1_error(at(W1, t, "[] }"), "lessons[0].sections[7]: field \"tol\" should be a number, got an array");
    free(t);
    free(t2);
    free(to);
    free(inner);
    free(deep);
}
END_TEST

START_TEST(test_huge_numbers)
{
    char *t = put_edit(W1, WEEK01, "\"minutes\": 40", "\"minutes\": 1e400");
    expect_week1_error(at(W1, t, "1e400"), "lessons[0]: field \"minutes\" should be an integer >= 1, got inf");
    free(t);
    t = put_edit(W1, WEEK01, "\"minutes\": 40", "\"minutes\": 3000000000");
    expect_week1_error(at(W1, t, "3000000000"), "field \"minutes\" should be an integer >= 1, got 3e+09");
    free(t);
    t = put_edit(W1, WEEK01, "\"answer\": 5,", "\"answer\": -1e999,");
    expect_week1_error(at(W1, t, "-1e999"), "field \"answer\" should be a finite number, got -inf");
    free(t);
    t = put_edit(W1, WEEK01, "\"answer\": 1 }", "\"answer\": 1e300 }");
    expect_week1_error(at(W1, t, "1e300"), "field \"answer\" should be an integer >= 0, got 1e+300");
    free(t);
}
END_TEST

START_TEST(test_bad_utf8)
{
    /* a lone continuation byte in a title, after "Vectors " */
    char *t = put_edit(W1, WEEK01, "Vectors —", "Vectors \x80");
    expect_week1_error(W1 ":10:25: ", "invalid UTF-8 (byte 0x80)");
    free(t);
    /* an overlong encoding of '/' */
    t = put_edit(W1, WEEK01, "\"Prose.\"", "\"Pro\xC0\xAF\"");
    expect_week1_error(at(W1, t, "\xC0"), "invalid UTF-8 (byte 0xC0)");
    free(t);
}
END_TEST

START_TEST(test_nul_bytes)
{
    /* a NUL after the object is followed by more text: reported, not ignored */
    size_t n = strlen(WEEK01);
    char *buf = malloc(n + 8);
    memcpy(buf, WEEK01, n);
    memcpy(buf + n, "\0{}", 3);
    put_bytes(W1, buf, n + 3);
    char prefix[64];
    snprintf(prefix, sizeof prefix, W1 ":%d:2: ", week01_lines() + 1);   /* the '{' after the NUL */
    expect_week1_error(prefix, "unexpected text after the end of the JSON value");
    /* a NUL inside a string does not crash the loader */
    char *nul = strstr(buf, "Prose.");
    nul[3] = '\0';
    put_bytes(W1, buf, n);
    Course *c = course_load(root, NULL);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(course_lesson(c, "w1-vectors")->sections[0].body, "Pro");
    course_free(c);
    free(buf);
}
END_TEST

START_TEST(test_trailing_text)
{
    char *more = malloc(strlen(WEEK01) + 8);
    sprintf(more, "%s}\n", WEEK01);
    put(W1, more);
    char prefix[64];
    snprintf(prefix, sizeof prefix, W1 ":%d:1: ", week01_lines() + 1);
    expect_week1_error(prefix, "unexpected text after the end of the JSON value");
    free(more);
}
END_TEST

/* Writes data as week 1, loads the tree and checks what must hold whatever the bytes: the course
   loads, weeks 2 and 3 are whole, week 1 loads exactly when there is no error (and there is
   one when must_fail), and every error is one line placed inside week 1. Returns false with a
   reason in why. Plain ifs, not ck_assert: this runs thousands of times. */
static bool load_odd_week1(const char *data, size_t len, bool must_fail, char *why, size_t size)
{
    char path[256];
    snprintf(path, sizeof path, "%s/" W1, root);
    unlink(path);   /* a new file: rewriting one in place can make the file system flush it */
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        snprintf(why, size, "cannot write %.200s", path);
        return false;
    }
    CourseErrors e = { 0 };
    Course *c = course_load(root, &e);
    why[0] = '\0';
    if (!c) snprintf(why, size, "no course");
    else if ((written(c) & 0x6u) != 0x6u) snprintf(why, size, "weeks 2 and 3 did not load");
    else if (c->weeks[0].written != (e.count == 0)) snprintf(why, size, "week 1 loaded with errors, or not without");
    else if (must_fail && e.count == 0) snprintf(why, size, "no error");
    for (int i = 0; i < e.count && !why[0]; i++) {
        int line = 0, col = 0;
        if (sscanf(e.lines[i], W1 ":%d:%d: ", &line, &col) != 2 || line < 1 || line > week01_lines() ||
            col < 1 || col > 250 || strchr(e.lines[i], '\n'))
            snprintf(why, size, "misplaced: %s", e.lines[i]);
    }
    course_free(c);
    course_errors_free(&e);
    return !why[0];
}

START_TEST(test_every_truncation)
{
    /* every proper prefix of week 1 is bad JSON, except the one missing only the last newline */
    char why[512];
    size_t n = strlen(WEEK01);
    for (size_t k = 0; k < n - 1; k++)
        if (!load_odd_week1(WEEK01, k, true, why, sizeof why))
            ck_abort_msg("prefix of %zu bytes: %s", k, why);
}
END_TEST

START_TEST(test_one_byte_changes)
{
    /* change bytes one at a time into something JSON cares about: never a crash or a leak
       (under ASan), and load_odd_week1's rules hold */
    static const char bytes[] = "{}[]\",:0-a\\ \xff";
    char why[512];
    size_t n = strlen(WEEK01);
    char *buf = malloc(n + 1);
    ck_assert_ptr_nonnull(buf);
    for (size_t k = 0; k < n; k += 3)
        for (size_t b = 0; b < sizeof bytes - 1; b++) {
            memcpy(buf, WEEK01, n + 1);
            buf[k] = bytes[b];
            if (!load_odd_week1(buf, n, false, why, sizeof why))
                ck_abort_msg("byte %zu set to 0x%02X: %s", k, (unsigned char)bytes[b], why);
        }
    free(buf);
}
END_TEST

START_TEST(test_not_a_file)
{
    drop(W1);
    char path[512];
    snprintf(path, sizeof path, "%s/" W1, root);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    expect_week1_error(W1 ": ", "not a regular file");
}
END_TEST

/* ---------------------------------------------------------------------------------------- */

static Suite *course_suite(void)
{
    Suite *s = suite_create("course");

    TCase *core = tcase_create("Core");
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core, test_good_course_loads);
    tcase_add_test(core, test_back_pointers);
    tcase_add_test(core, test_sections_read);
    tcase_add_test(core, test_questions_read);
    tcase_add_test(core, test_matrix_row_major);
    tcase_add_test(core, test_paths_relative);
    tcase_add_test(core, test_lookups);
    tcase_add_test(core, test_enum_names);
    tcase_add_test(core, test_unknown_fields_ignored);
    tcase_add_test(core, test_errors_appended);
    tcase_add_test(core, test_missing_weeks_are_not_written);
    suite_add_tcase(s, core);

    TCase *errors = tcase_create("Errors");
    tcase_add_checked_fixture(errors, setup, teardown);
    tcase_add_test(errors, test_syntax_error_position);
    tcase_add_test(errors, test_syntax_missing_comma);
    tcase_add_loop_test(errors, test_syntax_cases, 0, (int)(sizeof syntax_cases / sizeof *syntax_cases));
    tcase_add_test(errors, test_unexpected_end);
    tcase_add_test(errors, test_unclosed_string);
    tcase_add_loop_test(errors, test_bad_week, 0, (int)(sizeof bad_cases / sizeof *bad_cases));
    tcase_add_test(errors, test_duplicate_id_across_weeks);
    tcase_add_loop_test(errors, test_exercise_missing_file, 0, (int)(sizeof missing_files / sizeof *missing_files));
    tcase_add_test(errors, test_lab_without_driver);
    tcase_add_test(errors, test_bad_week_spreads_to_links);
    tcase_add_test(errors, test_empty_file);
    tcase_add_test(errors, test_top_level_not_object);
    tcase_add_test(errors, test_several_errors_in_order);
    tcase_add_test(errors, test_course_json_missing);
    tcase_add_test(errors, test_course_json_broken);
    tcase_add_test(errors, test_course_json_broken_weeks_still_checked);
    suite_add_tcase(s, errors);

    TCase *limits = tcase_create("Limits");
    tcase_add_checked_fixture(limits, setup, teardown);
    tcase_add_test(limits, test_deep_nesting);
    tcase_add_test(limits, test_huge_numbers);
    tcase_add_test(limits, test_bad_utf8);
    tcase_add_test(limits, test_nul_bytes);
    tcase_add_test(limits, test_trailing_text);
    tcase_add_test(limits, test_every_truncation);
    tcase_add_test(limits, test_one_byte_changes);
    tcase_add_test(limits, test_not_a_file);
    tcase_set_timeout(limits, 120);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(course_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
