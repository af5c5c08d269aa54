/*
 * test_data.c — Check tests of the data module's IDX loaders: good files (plain and gzipped),
 * max_count, every malformed case the loaders promise to name, the Fashion-MNIST folder
 * search, and — when Debian's dataset-fashion-mnist is installed — the real files.
 *
 * Each test writes its files into a private folder made with mkdtemp (a checked fixture, so
 * it runs in the test's own process) and removes it afterwards.
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "data.h"

#define SYSTEM_FMNIST "/usr/share/datasets/fashion-mnist"

static char tmpdir[256];

static void make_tmpdir(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/la4ai-test-data-XXXXXX", t && *t ? t : "/tmp");
    ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp failed");
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_tmpdir(void) { nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

/* ---- building IDX files ------------------------------------------------------------------ */

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* path ← tmpdir/name, holding len bytes (gzip-compressed with zlib when gz). */
static void write_file(const char *name, const void *bytes, size_t len, int gz, char *path,
                       size_t size)
{
    snprintf(path, size, "%s/%s", tmpdir, name);
    if (gz) {
        gzFile f = gzopen(path, "wb");
        ck_assert_msg(f != NULL, "gzopen(%s) failed", path);
        if (len > 0)
            ck_assert_int_eq(gzwrite(f, bytes, (unsigned)len), (int)len);
        ck_assert_int_eq(gzclose(f), Z_OK);
    } else {
        FILE *f = fopen(path, "wb");
        ck_assert_msg(f != NULL, "fopen(%s) failed", path);
        ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
        ck_assert_int_eq(fclose(f), 0);
    }
}

/* The whole of a file, for tests that damage a gzip stream by hand. Caller frees. */
static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot reopen %s", path);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(*len ? *len : 1);
    ck_assert_uint_eq(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

/* An images file: 16-byte header + count·rows·cols pixels where pixel p is (7p + 3) mod 256
   (so that every image differs from the next). Returns the length written to buf. */
static size_t make_images(unsigned char *buf, uint32_t count, uint32_t rows, uint32_t cols)
{
    put_be32(buf, 0x00000803);
    put_be32(buf + 4, count);
    put_be32(buf + 8, rows);
    put_be32(buf + 12, cols);
    size_t n = (size_t)count * rows * cols;
    for (size_t p = 0; p < n; p++)
        buf[16 + p] = (unsigned char)((7 * p + 3) % 256);
    return 16 + n;
}

static size_t make_labels(unsigned char *buf, uint32_t count)
{
    put_be32(buf, 0x00000801);
    put_be32(buf + 4, count);
    for (uint32_t i = 0; i < count; i++)
        buf[8 + i] = (unsigned char)(i % 10);
    return 8 + count;
}

static void expect_in(const char *err, const char *part)
{
    ck_assert_msg(strstr(err, part) != NULL, "the error should mention \"%s\"; it was: %s",
                  part, err);
}

/* ---- Core: good files -------------------------------------------------------------------- */

START_TEST(images_plain_and_gzipped)
{
    for (int gz = 0; gz <= 1; gz++) {
        unsigned char buf[16 + 3 * 2 * 5];
        size_t len = make_images(buf, 3, 2, 5);
        char path[512], err[512] = "";
        write_file(gz ? "img.gz" : "img", buf, len, gz, path, sizeof path);
        DataImages im;
        ck_assert_msg(data_load_idx_images(path, 0, &im, err, sizeof err) == 0, "%s", err);
        ck_assert_int_eq(im.count, 3);
        ck_assert_int_eq(im.rows, 2);
        ck_assert_int_eq(im.cols, 5);
        ck_assert_mem_eq(im.pixels, buf + 16, 30);
        data_images_free(&im);
        ck_assert_ptr_null(im.pixels);
        ck_assert_int_eq(im.count, 0);
    }
}
END_TEST

START_TEST(labels_plain_and_gzipped)
{
    for (int gz = 0; gz <= 1; gz++) {
        unsigned char buf[8 + 12];
        size_t len = make_labels(buf, 12);
        char path[512], err[512] = "";
        write_file(gz ? "lab.gz" : "lab", buf, len, gz, path, sizeof path);
        DataLabels lb;
        ck_assert_msg(data_load_idx_labels(path, -1, &lb, err, sizeof err) == 0, "%s", err);
        ck_assert_int_eq(lb.count, 12);
        ck_assert_mem_eq(lb.labels, buf + 8, 12);
        data_labels_free(&lb);
    }
}
END_TEST

/* max_count → how many are loaded from a file of 3 images / 3 labels */
static const struct { int max_count, loaded; } max_cases[] = {
    { 1, 1 }, { 2, 2 }, { 3, 3 }, { 10, 3 }, { 0, 3 }, { -5, 3 },
};

START_TEST(max_count_limits_the_load)
{
    int mc = max_cases[_i].max_count, want = max_cases[_i].loaded;
    unsigned char buf[16 + 3 * 4 * 4];
    size_t len = make_images(buf, 3, 4, 4);
    char path[512], err[512] = "";
    write_file("img.gz", buf, len, 1, path, sizeof path);
    DataImages im;
    ck_assert_msg(data_load_idx_images(path, mc, &im, err, sizeof err) == 0, "%s", err);
    ck_assert_msg(im.count == want, "max_count %d: loaded %d images, expected %d", mc,
                  im.count, want);
    ck_assert_mem_eq(im.pixels, buf + 16, (size_t)want * 16);
    data_images_free(&im);

    unsigned char lbuf[8 + 3];
    len = make_labels(lbuf, 3);
    write_file("lab", lbuf, len, 0, path, sizeof path);
    DataLabels lb;
    ck_assert_msg(data_load_idx_labels(path, mc, &lb, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(lb.count, want);
    data_labels_free(&lb);
}
END_TEST

/* Only what max_count asks for is read: a file cut after image 1 still gives image 1. */
START_TEST(max_count_reads_no_further)
{
    unsigned char buf[16 + 3 * 9];
    make_images(buf, 3, 3, 3);
    char path[512], err[512] = "";
    write_file("cut.gz", buf, 16 + 9 + 4, 1, path, sizeof path);
    DataImages im;
    ck_assert_msg(data_load_idx_images(path, 1, &im, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(im.count, 1);
    ck_assert_mem_eq(im.pixels, buf + 16, 9);
    data_images_free(&im);
    ck_assert_int_eq(data_load_idx_images(path, 2, &im, err, sizeof err), -1);
    expect_in(err, "expected 18 bytes of pixels");
}
END_TEST

START_TEST(empty_set_is_valid)
{
    unsigned char buf[16];
    make_images(buf, 0, 28, 28);
    char path[512], err[512] = "";
    write_file("none", buf, 16, 0, path, sizeof path);
    DataImages im;
    ck_assert_msg(data_load_idx_images(path, 0, &im, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(im.count, 0);
    ck_assert_int_eq(im.rows, 28);
    ck_assert_ptr_null(im.pixels);
    data_images_free(&im);
}
END_TEST

START_TEST(idx_path_prefers_gz_then_plain)
{
    char path[512], buf[512];
    write_file("train-images-idx3-ubyte.gz", "x", 1, 0, path, sizeof path);
    write_file("t10k-labels-idx1-ubyte", "x", 1, 0, path, sizeof path);
    ck_assert_int_eq(data_idx_path(tmpdir, DATA_TRAIN_IMAGES, buf, sizeof buf), 0);
    snprintf(path, sizeof path, "%s/train-images-idx3-ubyte.gz", tmpdir);
    ck_assert_str_eq(buf, path);
    ck_assert_int_eq(data_idx_path(tmpdir, DATA_TEST_LABELS, buf, sizeof buf), 0);
    snprintf(path, sizeof path, "%s/t10k-labels-idx1-ubyte", tmpdir);
    ck_assert_str_eq(buf, path);
    ck_assert_int_eq(data_idx_path(tmpdir, DATA_TEST_IMAGES, buf, sizeof buf), -1);
    snprintf(path, sizeof path, "%s/t10k-images-idx3-ubyte.gz", tmpdir);
    ck_assert_str_eq(buf, path);
    ck_assert_int_eq(data_idx_path(tmpdir, DATA_TEST_IMAGES, buf, 8), -1); /* too small */
}
END_TEST

START_TEST(fashion_mnist_dir_follows_env)
{
    char dir[300], path[512], name[64];
    snprintf(dir, sizeof dir, "%s/fashion-mnist", tmpdir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    for (int f = 0; f < DATA_IDX_FILES; f++) {
        snprintf(name, sizeof name, "fashion-mnist/%s.gz", data_idx_name((DataIdxFile)f));
        write_file(name, "x", 1, 0, path, sizeof path);
    }
    setenv("LA4AI_DATA_DIR", tmpdir, 1);
    const char *got = data_fashion_mnist_dir();
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, dir);

    /* one file missing: the folder no longer counts, the system copy (if any) is used */
    snprintf(path, sizeof path, "%s/%s.gz", dir, data_idx_name(DATA_TEST_LABELS));
    ck_assert_int_eq(unlink(path), 0);
    got = data_fashion_mnist_dir();
    char probe[512];
    int system_has = 1;
    for (int f = 0; f < DATA_IDX_FILES; f++)
        system_has &= data_idx_path(SYSTEM_FMNIST, (DataIdxFile)f, probe, sizeof probe) == 0;
    if (system_has) {
        ck_assert_ptr_nonnull(got);
        ck_assert_str_eq(got, SYSTEM_FMNIST);
    } else {
        ck_assert_ptr_null(got);
    }
}
END_TEST

/* ---- Errors: every malformed case names its cause ---------------------------------------- */

START_TEST(missing_file)
{
    char path[512], err[512] = "";
    snprintf(path, sizeof path, "%s/no-such-file.gz", tmpdir);
    DataImages im = { 7, 7, 7, (unsigned char *)path }; /* must be reset, not freed */
    ck_assert_int_eq(data_load_idx_images(path, 0, &im, err, sizeof err), -1);
    ck_assert_ptr_null(im.pixels);
    ck_assert_int_eq(im.count, 0);
    expect_in(err, path);
    expect_in(err, "cannot open");
    expect_in(err, "No such file");
    DataLabels lb;
    ck_assert_int_eq(data_load_idx_labels(path, 0, &lb, err, sizeof err), -1);
    expect_in(err, "No such file");
}
END_TEST

/* A file described by its header fields, how much of the header is written and how many
   element bytes follow; the loader must refuse it and say each of `expect`. */
static const struct {
    const char *what;
    int labels, gz;
    uint32_t magic, count, rows, cols;
    size_t header_bytes, data_bytes;
    const char *expect[3];
} bad[] = {
    { "labels file read as images", 0, 0, 0x801, 3, 0, 0, 8, 3,
      { "wrong magic", "0x00000801", "0x00000803" } },
    { "images file read as labels", 1, 1, 0x803, 3, 2, 3, 16, 18,
      { "wrong magic", "0x00000803", "an images file?" } },
    { "not IDX at all (a PNG)", 0, 0, 0x89504e47, 0, 0, 0, 16, 0,
      { "wrong magic", "0x89504e47", "not an IDX file" } },
    { "IDX of floats", 0, 1, 0x00000d03, 1, 1, 1, 16, 4,
      { "0x00000d03", "32-bit floats", "3 dimensions" } },
    { "header cut after 10 bytes", 0, 1, 0x803, 3, 2, 3, 10, 0,
      { "truncated header", "16-byte", "after 10 bytes" } },
    { "header cut inside the magic", 0, 0, 0x803, 3, 2, 3, 2, 0,
      { "truncated header", "after 2 bytes", NULL } },
    { "empty file", 1, 0, 0x801, 0, 0, 0, 0, 0,
      { "truncated header", "8-byte", "after 0 bytes" } },
    { "pixels cut short", 0, 0, 0x803, 3, 2, 3, 16, 7,
      { "truncated", "expected 18 bytes of pixels", "ends after 7" } },
    { "pixels cut short, gzipped", 0, 1, 0x803, 3, 2, 3, 16, 7,
      { "truncated", "expected 18 bytes of pixels", "ends after 7" } },
    { "labels cut short", 1, 1, 0x801, 5, 0, 0, 8, 2,
      { "truncated", "expected 5 bytes of labels", "ends after 2" } },
    { "absurd image count", 0, 0, 0x803, 100000, 1000, 1000, 16, 0,
      { "absurd dimensions", "1e+11 bytes", "1e+09" } },
    { "huge images", 0, 1, 0x803, 1, 65536, 65536, 16, 0,
      { "absurd dimensions", "65536×65536", "1e+09" } },
    { "zero rows", 0, 0, 0x803, 3, 0, 28, 16, 0,
      { "absurd dimensions", "0×28", "no pixels" } },
    { "absurd label count", 1, 0, 0x801, 0xFFFFFFFFu, 0, 0, 8, 0,
      { "absurd dimensions", "4294967295 labels", NULL } },
};

START_TEST(malformed_header_or_data)
{
    unsigned char buf[64] = { 0 };
    put_be32(buf, bad[_i].magic);
    put_be32(buf + 4, bad[_i].count);
    put_be32(buf + 8, bad[_i].labels ? 1 : bad[_i].rows); /* labels: the first "data" */
    put_be32(buf + 12, bad[_i].cols);
    for (size_t p = 0; p < bad[_i].data_bytes; p++)
        buf[bad[_i].header_bytes + p] = (unsigned char)(p + 1);
    char path[512], err[512] = "";
    write_file(bad[_i].gz ? "bad.gz" : "bad", buf, bad[_i].header_bytes + bad[_i].data_bytes,
               bad[_i].gz, path, sizeof path);
    int rc;
    if (bad[_i].labels) {
        DataLabels lb = { 9, (unsigned char *)buf };
        rc = data_load_idx_labels(path, 0, &lb, err, sizeof err);
        ck_assert_msg(lb.count == 0 && lb.labels == NULL, "%s: *out not reset", bad[_i].what);
    } else {
        DataImages im = { 9, 9, 9, (unsigned char *)buf };
        rc = data_load_idx_images(path, 0, &im, err, sizeof err);
        ck_assert_msg(im.count == 0 && im.pixels == NULL, "%s: *out not reset", bad[_i].what);
    }
    ck_assert_msg(rc == -1, "%s: the loader accepted it", bad[_i].what);
    expect_in(err, path);
    for (int k = 0; k < 3 && bad[_i].expect[k]; k++)
        expect_in(err, bad[_i].expect[k]);
}
END_TEST

START_TEST(corrupt_deflate_data)
{
    /* a valid gzip header, then a deflate block of the reserved type 11 */
    unsigned char buf[40] = { 0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03 };
    memset(buf + 10, 0xFF, sizeof buf - 10);
    char path[512], err[512] = "";
    write_file("corrupt.gz", buf, sizeof buf, 0, path, sizeof path);
    DataImages im;
    ck_assert_int_eq(data_load_idx_images(path, 0, &im, err, sizeof err), -1);
    expect_in(err, path);
    expect_in(err, "corrupt gzip stream");
    expect_in(err, "invalid block type");
}
END_TEST

START_TEST(gzip_stream_cut_short)
{
    unsigned char buf[16 + 3 * 20 * 20];
    size_t len = make_images(buf, 3, 20, 20);
    uint32_t x = 12345;
    for (size_t p = 16; p < len; p++) { /* pseudo-random pixels: barely compressible */
        x = x * 1103515245u + 12345u;
        buf[p] = (unsigned char)(x >> 16);
    }
    char path[512], err[512] = "";
    write_file("full.gz", buf, len, 1, path, sizeof path);
    size_t glen;
    unsigned char *g = read_all(path, &glen);
    write_file("half.gz", g, glen / 2, 0, path, sizeof path);
    free(g);
    DataImages im;
    ck_assert_int_eq(data_load_idx_images(path, 0, &im, err, sizeof err), -1);
    expect_in(err, "corrupt gzip stream");
    expect_in(err, "cut short");
    expect_in(err, "bytes of pixels");
}
END_TEST

START_TEST(gzip_checksum_wrong)
{
    unsigned char buf[16 + 2 * 8 * 8];
    size_t len = make_images(buf, 2, 8, 8);
    char path[512], err[512] = "";
    write_file("ok.gz", buf, len, 1, path, sizeof path);
    size_t glen;
    unsigned char *g = read_all(path, &glen);
    g[glen - 8] ^= 0x5A; /* the CRC-32 is the trailer's first 4 bytes */
    write_file("badcrc.gz", g, glen, 0, path, sizeof path);
    free(g);
    DataImages im;
    ck_assert_int_eq(data_load_idx_images(path, 0, &im, err, sizeof err), -1);
    expect_in(err, "corrupt gzip stream");
    expect_in(err, "incorrect data check");
    ck_assert_ptr_null(im.pixels);
}
END_TEST

START_TEST(error_buffer_may_be_small_or_null)
{
    char path[512], err[8];
    snprintf(path, sizeof path, "%s/missing", tmpdir);
    DataLabels lb;
    ck_assert_int_eq(data_load_idx_labels(path, 0, &lb, err, sizeof err), -1);
    ck_assert_uint_eq(strlen(err), sizeof err - 1);
    ck_assert_int_eq(data_load_idx_labels(path, 0, &lb, NULL, 0), -1);
}
END_TEST

/* ---- Fashion-MNIST, when installed ------------------------------------------------------- */

static int have_system_fmnist(void)
{
    if (access(SYSTEM_FMNIST, R_OK) != 0) {
        fprintf(stderr, "note: %s is missing; the real-data checks are skipped "
                "(apt-get install dataset-fashion-mnist)\n", SYSTEM_FMNIST);
        return 0;
    }
    return 1;
}

START_TEST(fashion_mnist_first_100_test_images)
{
    if (!have_system_fmnist())
        return;
    char path[512], err[512] = "";
    ck_assert_int_eq(data_idx_path(SYSTEM_FMNIST, DATA_TEST_IMAGES, path, sizeof path), 0);
    DataImages im;
    ck_assert_msg(data_load_idx_images(path, 100, &im, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(im.count, 100);
    ck_assert_int_eq(im.rows, 28);
    ck_assert_int_eq(im.cols, 28);
    for (int k = 0; k < im.count; k++) { /* every garment has some ink on its background */
        int ink = 0;
        for (int p = 0; p < 28 * 28; p++)
            ink += im.pixels[k * 28 * 28 + p] > 0;
        ck_assert_msg(ink > 20 && ink < 28 * 28, "image %d has %d non-zero pixels", k, ink);
    }
    data_images_free(&im);

    ck_assert_int_eq(data_idx_path(SYSTEM_FMNIST, DATA_TEST_LABELS, path, sizeof path), 0);
    DataLabels lb;
    ck_assert_msg(data_load_idx_labels(path, 100, &lb, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(lb.count, 100);
    for (int k = 0; k < lb.count; k++)
        ck_assert_msg(lb.labels[k] < 10, "label %d is %d", k, lb.labels[k]);
    /* the published start of the test labels: ankle boot, pullover, trouser, trouser, … */
    static const unsigned char first[10] = { 9, 2, 1, 1, 6, 1, 4, 6, 5, 7 };
    ck_assert_mem_eq(lb.labels, first, 10);
    data_labels_free(&lb);
}
END_TEST

/* The whole test split: read to the end of the stream (CRC checked), 1000 of each class. */
START_TEST(fashion_mnist_test_split_is_balanced)
{
    if (!have_system_fmnist())
        return;
    char path[512], err[512] = "";
    ck_assert_int_eq(data_idx_path(SYSTEM_FMNIST, DATA_TEST_IMAGES, path, sizeof path), 0);
    DataImages im;
    ck_assert_msg(data_load_idx_images(path, 0, &im, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(im.count, 10000);
    data_images_free(&im);
    ck_assert_int_eq(data_idx_path(SYSTEM_FMNIST, DATA_TEST_LABELS, path, sizeof path), 0);
    DataLabels lb;
    ck_assert_msg(data_load_idx_labels(path, 0, &lb, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(lb.count, 10000);
    int per_class[10] = { 0 };
    for (int k = 0; k < lb.count; k++) {
        ck_assert_int_lt(lb.labels[k], 10);
        per_class[lb.labels[k]]++;
    }
    for (int c = 0; c < 10; c++)
        ck_assert_msg(per_class[c] == 1000, "class %d has %d test images", c, per_class[c]);
    data_labels_free(&lb);
}
END_TEST

/* ---- suite ------------------------------------------------------------------------------- */

static Suite *data_suite(void)
{
    Suite *s = suite_create("data");
    TCase *core = tcase_create("Core");
    tcase_add_checked_fixture(core, make_tmpdir, remove_tmpdir);
    tcase_add_test(core, images_plain_and_gzipped);
    tcase_add_test(core, labels_plain_and_gzipped);
    tcase_add_loop_test(core, max_count_limits_the_load, 0,
                        (int)(sizeof max_cases / sizeof max_cases[0]));
    tcase_add_test(core, max_count_reads_no_further);
    tcase_add_test(core, empty_set_is_valid);
    tcase_add_test(core, idx_path_prefers_gz_then_plain);
    tcase_add_test(core, fashion_mnist_dir_follows_env);
    suite_add_tcase(s, core);

    TCase *errors = tcase_create("Errors");
    tcase_add_checked_fixture(errors, make_tmpdir, remove_tmpdir);
    tcase_add_test(errors, missing_file);
    tcase_add_loop_test(errors, malformed_header_or_data, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(errors, corrupt_deflate_data);
    tcase_add_test(errors, gzip_stream_cut_short);
    tcase_add_test(errors, gzip_checksum_wrong);
    tcase_add_test(errors, error_buffer_may_be_small_or_null);
    suite_add_tcase(s, errors);

    TCase *real = tcase_create("FashionMNIST");
    tcase_set_timeout(real, 30);
    tcase_add_test(real, fashion_mnist_first_100_test_images);
    tcase_add_test(real, fashion_mnist_test_split_is_balanced);
    suite_add_tcase(s, real);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(data_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
