/*
 * matmul_ways/grader.c — grades matmul_entry, matmul_columns, matmul_rows and matmul_outer.
 *
 * Each way is checked on its own: known 2×2 and 2×3·3×2 products, then seeded random
 * shapes (1×1, inner product 1×n·n×1, outer product m×1·1×p, tall, wide, 60×60) against the
 * grader's own product. Then properties: multiplying by I changes nothing, (AB)x = A(Bx)
 * (multiplication is composition, 3Blue1Brown 4), and C is overwritten, not added to.
 * Tolerance per entry: la_tol(n, 1)·‖A‖‖B‖ (Frobenius norms), which bounds the rounding of
 * an n-term sum.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

typedef void (*matmul_fn)(const Matrix *, const Matrix *, Matrix *);

static const struct {
    matmul_fn f;
    const char *name, *idea;
} WAYS[] = {
    { matmul_entry, "matmul_entry",
      "cᵢⱼ = (row i of A)·(column j of B) = Σₖ aᵢₖbₖⱼ, k running over the n = A->cols = "
      "B->rows shared entries; C is m×p (18.06 L3, way 1)" },
    { matmul_columns, "matmul_columns",
      "column j of C is A times column j of B: Σₖ bₖⱼ·(column k of A). Start the column at 0, "
      "then add (18.06 L3, the column picture)" },
    { matmul_rows, "matmul_rows",
      "row i of C is (row i of A) times B: Σₖ aᵢₖ·(row k of B). Start the row at 0, then add "
      "(18.06 L3, the row picture)" },
    { matmul_outer, "matmul_outer",
      "C = Σₖ (column k of A)(row k of B): n rank-one m×p pieces, the k-th with entries "
      "aᵢₖbₖⱼ. Start C at 0 and add the pieces (18.06 L3, columns times rows)" },
};
enum { NWAYS = sizeof WAYS / sizeof WAYS[0] };

static double tol_for(const Matrix *A, const Matrix *B)
{
    return la_tol(A->cols, 1) * fmax(1.0, la_mat_norm(A) * la_mat_norm(B));
}

/* Runs way w into a fresh zero-filled C and returns it; fails if A or B changed. */
static Matrix *run(int w, const Matrix *A, const Matrix *B)
{
    Matrix *A0 = la_mat_copy(A), *B0 = la_mat_copy(B);
    Matrix *C = mat_new(A->rows, B->cols);
    WAYS[w].f(A, B, C);
    la_expect_unchanged(A, A0, "A");
    la_expect_unchanged(B, B0, "B");
    mat_free(A0);
    mat_free(B0);
    return C;
}

static void check_way(int w, const Matrix *A, const Matrix *B, const Matrix *want)
{
    Matrix *C = run(w, A, B);
    char what[64];
    snprintf(what, sizeof what, "%s: C", WAYS[w].name);
    la_expect_mat_near(C, want, tol_for(A, B), what, WAYS[w].idea);
    mat_free(C);
}

/* Known answers, then random shapes m×n · n×p. */
static void known_and_random(int w, unsigned salt)
{
    static const double a[] = { 1, 2, 3, 4 }, b[] = { 5, 6, 7, 8 }, ab[] = { 19, 22, 43, 50 };
    static const double c[] = { 1, 2, 3, 4, 5, 6 }, d[] = { 7, 8, 9, 10, 11, 12 };
    static const double cd[] = { 58, 64, 139, 154 };
    Matrix *A = la_mat(2, 2, a), *B = la_mat(2, 2, b), *W = la_mat(2, 2, ab);
    la_case("[[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]; %s", WAYS[w].name);
    check_way(w, A, B, W);
    mat_free(A), mat_free(B), mat_free(W);
    A = la_mat(2, 3, c), B = la_mat(3, 2, d), W = la_mat(2, 2, cd);
    la_case("2×3 [[1,2,3],[4,5,6]] · 3×2 [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]; %s",
            WAYS[w].name);
    check_way(w, A, B, W);
    mat_free(A), mat_free(B), mat_free(W);

    static const int shapes[][3] = { { 1, 1, 1 }, { 1, 6, 1 }, { 7, 1, 4 }, { 3, 5, 2 },
                                     { 2, 4, 9 }, { 20, 30, 10 }, { 60, 60, 60 } };
    LaRng r = la_rng(salt);
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        int m = shapes[s][0], n = shapes[s][1], p = shapes[s][2];
        la_case("random %d×%d · %d×%d; %s", m, n, n, p, WAYS[w].name);
        A = la_mat_random(&r, m, n), B = la_mat_random(&r, n, p);
        W = la_mat_mul(A, B);
        check_way(w, A, B, W);
        mat_free(A), mat_free(B), mat_free(W);
    }
}

LA_TEST(entry_form_known_and_random) { known_and_random(0, 41); }
LA_TEST(column_form_known_and_random) { known_and_random(1, 42); }
LA_TEST(row_form_known_and_random) { known_and_random(2, 43); }
LA_TEST(outer_product_form_known_and_random) { known_and_random(3, 44); }

LA_TEST(identity_changes_nothing)
{
    LaRng r = la_rng(45);
    Matrix *A = la_mat_int(&r, 3, 4, -9, 9), *I3 = la_mat_identity(3), *I4 = la_mat_identity(4);
    for (int w = 0; w < NWAYS; w++) {
        la_case("integer 3×4 A times I₄ (on the right); %s", WAYS[w].name);
        check_way(w, A, I4, A);
        la_case("I₃ times integer 3×4 A (on the left); %s", WAYS[w].name);
        check_way(w, I3, A, A);
    }
    mat_free(A), mat_free(I3), mat_free(I4);
}

/* (AB)x = A(Bx): the product is the map "apply B, then A" (3Blue1Brown 4). */
LA_TEST(product_is_composition_of_maps)
{
    LaRng r = la_rng(46);
    Matrix *A = la_mat_random(&r, 4, 6), *B = la_mat_random(&r, 6, 3), *X = la_mat_random(&r, 3, 1);
    double bx[6], abx[4], cx[4];
    la_matvec(B, X->data, bx);
    la_matvec(A, bx, abx);
    for (int w = 0; w < NWAYS; w++) {
        la_case("random 4×6 A, 6×3 B, x in R³: (AB)x against A(Bx); %s", WAYS[w].name);
        Matrix *C = run(w, A, B);
        la_matvec(C, X->data, cx);
        char what[64];
        snprintf(what, sizeof what, "%s: (AB)x", WAYS[w].name);
        la_expect_vec_near(cx, abx, 4, 10 * tol_for(A, B) * la_mat_norm(X), what,
                           "AB is the map \"first B, then A\", so (AB)x must equal A(Bx) for "
                           "every x. Check the order of the factors (AB, not BA) and that k "
                           "runs over A's columns = B's rows (3Blue1Brown 4, 18.06 L3)");
        mat_free(C);
    }
    mat_free(A), mat_free(B), mat_free(X);
}

LA_TEST(overwrites_output_not_accumulates)
{
    static const double a[] = { 1, 2, 0, -1, 3, 1 }, b[] = { 2, 0, 1, -1, 1, 1 };
    Matrix *A = la_mat(2, 3, a), *B = la_mat(3, 2, b), *want = la_mat_mul(A, B);
    for (int w = 0; w < NWAYS; w++) {
        la_case("2×3 [[1,2,0],[−1,3,1]] · 3×2 [[2,0],[1,−1],[1,1]]; %s", WAYS[w].name);
        check_way(w, A, B, want); // first with a zero-filled C
        la_case("the same product with C holding 100s on entry; %s", WAYS[w].name);
        Matrix *C = mat_new(2, 2);
        la_fill(C->data, 4, 100.0);
        WAYS[w].f(A, B, C);
        char what[64];
        snprintf(what, sizeof what, "%s: C", WAYS[w].name);
        la_expect_mat_near(C, want, 1e-13, what,
                           "C = AB must not depend on what C held before: set every entry to "
                           "0 before you start adding into it");
        mat_free(C);
    }
    mat_free(A), mat_free(B), mat_free(want);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("matmul_ways");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, entry_form_known_and_random);
    tcase_add_test(core, column_form_known_and_random);
    tcase_add_test(core, row_form_known_and_random);
    tcase_add_test(core, outer_product_form_known_and_random);
    tcase_add_test(core, product_is_composition_of_maps);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, identity_changes_nothing);
    tcase_add_test(edge, overwrites_output_not_accumulates);
    return s;
}
