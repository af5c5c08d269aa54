/*
 * test_data.c — Check tests of the data module: the IDX loaders (good files, plain and
 * gzipped, max_count, every malformed case they promise to name), the Mall Customers and
 * MovieLens u.data readers (good files with their allowed variations, and every malformed or
 * truncated file named by line and column), the generators (deterministic for a seed, the
 * promised shapes, counts and ranges), the train/test split (sizes, no overlap), the search
 * for data sets on disk — and, when they are installed, the real files.
 *
 * Each test writes its files into a private folder made with mkdtemp (a checked fixture, so
 * it runs in the test's own process) and removes it afterwards.
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <ftw.h>
#include <math.h>
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

/* ---- text files: Mall Customers and MovieLens u.data --------------------------------------- */

#define MALL_HEAD "CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100)\n"

/* path ← tmpdir/name holding text (gzipped when gz). */
static void write_text(const char *name, const char *text, int gz, char *path, size_t size)
{
    write_file(name, text, strlen(text), gz, path, size);
}

START_TEST(mall_good_file_with_bom_crlf_quotes)
{
    static const char text[] =
        "\xEF\xBB\xBF" "CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)\r\n"
        "1,Male,19,15,39\r\n"
        "2,\"Female\",21,15.5,81\r\n"
        "\r\n"
        " 3 , female ,20,16,6"; /* spaces, lower case, and no newline at the very end */
    char path[512], err[512] = "";
    write_text("mall.csv", text, 0, path, sizeof path);
    DataMall m;
    ck_assert_msg(data_load_mall(path, &m, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(m.n, 3);
    static const int id[3] = { 1, 2, 3 }, gender[3] = { 0, 1, 1 };
    static const double age[3] = { 19, 21, 20 }, income[3] = { 15, 15.5, 16 },
                        score[3] = { 39, 81, 6 };
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(m.id[k], id[k]);
        ck_assert_int_eq(m.gender[k], gender[k]);
        ck_assert_double_eq(m.age[k], age[k]);
        ck_assert_double_eq(m.income[k], income[k]);
        ck_assert_double_eq(m.score[k], score[k]);
    }
    data_mall_free(&m);
    ck_assert_ptr_null(m.id);
    ck_assert_int_eq(m.n, 0);
}
END_TEST

START_TEST(mall_plain_and_gzipped)
{
    static const char text[] = MALL_HEAD "7,Female,35,120,79\n8,Male,64,19,3\n";
    for (int gz = 0; gz <= 1; gz++) {
        char path[512], err[512] = "";
        write_text(gz ? "m.csv.gz" : "m.csv", text, gz, path, sizeof path);
        DataMall m;
        ck_assert_msg(data_load_mall(path, &m, err, sizeof err) == 0, "%s", err);
        ck_assert_int_eq(m.n, 2);
        ck_assert_int_eq(m.id[1], 8);
        ck_assert_int_eq(m.gender[0], 1);
        ck_assert_double_eq(m.income[0], 120);
        ck_assert_double_eq(m.score[1], 3);
        data_mall_free(&m);
    }
}
END_TEST

/* A Mall file that must be refused with an error that contains each of `expect`. */
static const struct {
    const char *what, *text, *expect[3];
} bad_mall[] = {
    { "empty file", "", { "empty file", "CustomerID,Gender,Age", NULL } },
    { "only blank lines", "\n \r\n\n", { "empty file", NULL, NULL } },
    { "header only", MALL_HEAD, { ":1:1:", "no customers", NULL } },
    { "no header", "1,Male,19,15,39\n2,Female,21,15,81\n",
      { ":1:1:", "header row is missing", "CustomerID,Gender" } },
    { "wrong header name", "CustomerID,Sex,Age,Annual Income (k$),Spending Score (1-100)\n",
      { ":1:12:", "header column 2 is \"Sex\"", "expected \"Gender\"" } },
    { "short header", "CustomerID,Gender,Age\n1,Male,19\n",
      { ":1:1:", "3 columns, expected 5", NULL } },
    { "a row with 4 fields", MALL_HEAD "1,Male,19,15,39\n2,Female,21,15\n3,Male,20,16,6\n",
      { ":3:15:", "4 fields, expected 5", "Spending Score (1-100) is missing" } },
    { "a row with 6 fields", MALL_HEAD "1,Male,19,15,39\n2,Female,21,15,81,7\n",
      { ":3:19:", "6 fields, expected 5", "field 6" } },
    { "an age that is not a number", MALL_HEAD "1,Male,19,15,39\n2,Female,abc,15,81\n",
      { ":3:10:", "Age: \"abc\" is not a number", NULL } },
    { "nan", MALL_HEAD "2,Female,21,nan,81\n",
      { ":2:13:", "Annual Income (k$): \"nan\" is not a number", NULL } },
    { "hexadecimal", MALL_HEAD "2,Female,0x15,15,81\n", { ":2:10:", "not a number", NULL } },
    { "a number with a unit", MALL_HEAD "2,Female,21,15k,81\n",
      { ":2:13:", "\"15k\" is not a number", NULL } },
    { "gender X", MALL_HEAD "2,X,21,15,81\n",
      { ":2:3:", "Gender: \"X\" is neither Male nor Female", NULL } },
    { "score 140", MALL_HEAD "2,Female,21,15,140\n",
      { ":2:16:", "Spending Score (1-100): \"140\" is out of range", "1–100" } },
    { "score 0", MALL_HEAD "2,Female,21,15,0\n", { ":2:16:", "out of range", NULL } },
    { "negative income", MALL_HEAD "2,Female,21,-3,50\n",
      { ":2:13:", "Annual Income (k$)", "out of range" } },
    { "id 2.5", MALL_HEAD "2.5,Female,21,15,81\n",
      { ":2:1:", "CustomerID: \"2.5\" is not a whole number", NULL } },
    { "an empty field", MALL_HEAD "2,Female,,15,81\n", { ":2:10:", "Age is empty", NULL } },
    { "a quote left open", MALL_HEAD "2,\"Female,21,15,81\n",
      { ":2:3:", "quoted field is not closed", NULL } },
    { "truncated in the last row", MALL_HEAD "1,Male,19,15,39\n2,Fem",
      { ":3:6:", "ends in the middle of line 3", "truncated" } },
    { "truncated after a comma", MALL_HEAD "1,Male,19,15,39\n2,Female,21,",
      { ":3:13:", "ends in the middle of line 3", "after 4 of 5 fields" } },
};

START_TEST(mall_malformed_named_by_line_and_column)
{
    char path[512], err[512] = "";
    write_text("bad.csv", bad_mall[_i].text, 0, path, sizeof path);
    DataMall m = { 5, (int *)path, NULL, NULL, NULL, NULL }; /* must be reset, not freed */
    int rc = data_load_mall(path, &m, err, sizeof err);
    ck_assert_msg(rc == -1, "%s: the loader accepted it", bad_mall[_i].what);
    ck_assert_msg(m.n == 0 && m.id == NULL && m.score == NULL, "%s: *out not reset",
                  bad_mall[_i].what);
    expect_in(err, path);
    for (int k = 0; k < 3 && bad_mall[_i].expect[k]; k++)
        expect_in(err, bad_mall[_i].expect[k]);
}
END_TEST

START_TEST(text_files_missing_or_cut_gzip)
{
    char path[512], err[512] = "";
    snprintf(path, sizeof path, "%s/nothing.csv", tmpdir);
    DataMall m;
    ck_assert_int_eq(data_load_mall(path, &m, err, sizeof err), -1);
    expect_in(err, "cannot open");
    expect_in(err, "No such file");
    DataRatings r;
    ck_assert_int_eq(data_load_movielens(path, &r, err, sizeof err), -1);
    expect_in(err, "No such file");

    /* a gzipped u.data cut in half: zlib says the stream is cut short */
    char text[20000] = "";
    size_t len = 0;
    for (int t = 0; t < 600; t++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%d\t%d\t%d\t%d\n", 1 + t % 97,
                                1 + (t * 7919) % 1201, 1 + (t * 31) % 5, 880000000 + t * 7717);
    write_text("u.data.gz", text, 1, path, sizeof path);
    size_t glen;
    unsigned char *g = read_all(path, &glen);
    write_file("half.gz", g, glen / 2, 0, path, sizeof path);
    free(g);
    ck_assert_int_eq(data_load_movielens(path, &r, err, sizeof err), -1);
    expect_in(err, "corrupt gzip stream");
    expect_in(err, "cut short");
    ck_assert_int_eq(data_load_movielens(path, &r, NULL, 0), -1); /* no error buffer is fine */
}
END_TEST

START_TEST(movielens_good_file)
{
    static const char text[] = "196\t242\t3\t881250949\n"
                               "186\t302\t3\t891717742\r\n"
                               "22  377 1 878887116\n" /* spaces separate too */
                               "\n"
                               "244\t51\t2\t880606923"; /* no newline at the end */
    char path[512], err[512] = "";
    write_text("u.data", text, 0, path, sizeof path);
    DataRatings r;
    ck_assert_msg(data_load_movielens(path, &r, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(r.n, 4);
    ck_assert_int_eq(r.users, 244); /* ids 1…244 in the file are 0…243 */
    ck_assert_int_eq(r.items, 377);
    static const int user[4] = { 195, 185, 21, 243 }, item[4] = { 241, 301, 376, 50 };
    static const double value[4] = { 3, 3, 1, 2 };
    for (int k = 0; k < 4; k++) {
        ck_assert_int_eq(r.user[k], user[k]);
        ck_assert_int_eq(r.item[k], item[k]);
        ck_assert_double_eq(r.value[k], value[k]);
    }
    data_ratings_free(&r);
    ck_assert_ptr_null(r.user);
    ck_assert_int_eq(r.n, 0);
}
END_TEST

static const struct {
    const char *what, *text, *expect[3];
} bad_udata[] = {
    { "empty file", "", { "empty file", "user id<TAB>item id", NULL } },
    { "3 fields", "196\t242\t3\n", { ":1:10:", "3 fields, expected 4", "timestamp is missing" } },
    { "5 fields", "196\t242\t3\t881250949\t7\n", { ":1:21:", "5 fields, expected 4", NULL } },
    { "rating 0", "196\t242\t3\t881250949\n186\t302\t0\t891717742\n",
      { ":2:9:", "rating: \"0\" is out of range", "1–5" } },
    { "rating 6", "196\t242\t6\t881250949\n", { ":1:9:", "out of range (allowed: 1–5)", NULL } },
    { "rating 3.5", "196\t242\t3.5\t881250949\n",
      { ":1:9:", "rating: \"3.5\" is not a whole number", NULL } },
    { "user 0 (ids count from 1)", "0\t242\t3\t881250949\n",
      { ":1:1:", "user id: \"0\" is out of range", "at least 1" } },
    { "an item that is not a number", "196\tx12\t3\t881250949\n",
      { ":1:5:", "item id: \"x12\" is not a number", NULL } },
    { "a negative timestamp", "196\t242\t3\t-5\n", { ":1:11:", "timestamp", "out of range" } },
    { "commas instead of tabs", "196,242,3,881250949\n",
      { ":1:20:", "1 field, expected 4", "item id is missing" } },
    { "truncated", "196\t242\t3\t881250949\n186\t30",
      { ":2:7:", "ends in the middle of line 2", "truncated" } },
    { "a pair rated twice", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n"
                            "196\t242\t5\t881250999\n",
      { ":3:1:", "user 196 rates item 242 a second time", "first was on line 1" } },
};

START_TEST(movielens_malformed_named_by_line_and_column)
{
    char path[512], err[512] = "";
    write_text("u.data", bad_udata[_i].text, 0, path, sizeof path);
    DataRatings r = { 3, 3, 3, (int *)path, NULL, NULL };
    int rc = data_load_movielens(path, &r, err, sizeof err);
    ck_assert_msg(rc == -1, "%s: the loader accepted it", bad_udata[_i].what);
    ck_assert_msg(r.n == 0 && r.user == NULL && r.users == 0, "%s: *out not reset",
                  bad_udata[_i].what);
    expect_in(err, path);
    for (int k = 0; k < 3 && bad_udata[_i].expect[k]; k++)
        expect_in(err, bad_udata[_i].expect[k]);
}
END_TEST

/* ---- generators ------------------------------------------------------------------------------ */

/* ck_assert marks a point on every call, which is slow in loops over 100 000 ratings: loops
   use this instead. */
#define REQUIRE(cond, ...)                                                                    \
    do {                                                                                     \
        if (!(cond))                                                                         \
            ck_abort_msg(__VA_ARGS__);                                                       \
    } while (0)

static void expect_same_mall(const DataMall *a, const DataMall *b)
{
    ck_assert_int_eq(a->n, b->n);
    size_t n = (size_t)a->n;
    ck_assert_mem_eq(a->id, b->id, n * sizeof(int));
    ck_assert_mem_eq(a->gender, b->gender, n * sizeof(int));
    ck_assert_mem_eq(a->age, b->age, n * sizeof(double));
    ck_assert_mem_eq(a->income, b->income, n * sizeof(double));
    ck_assert_mem_eq(a->score, b->score, n * sizeof(double));
}

START_TEST(mall_generator_is_deterministic_and_as_documented)
{
    DataMall a, b, c;
    int seg[DATA_MALL_N], seg2[DATA_MALL_N];
    ck_assert_int_eq(data_mall_generate(7, &a), 0);
    ck_assert_int_eq(data_mall_generate(7, &b), 0);
    ck_assert_int_eq(data_mall_generate(8, &c), 0);
    expect_same_mall(&a, &b);
    REQUIRE(memcmp(a.income, c.income, sizeof(double) * DATA_MALL_N) != 0 ||
                      memcmp(a.score, c.score, sizeof(double) * DATA_MALL_N) != 0,
                  "seeds 7 and 8 gave the same customers");
    ck_assert_int_eq(data_mall_segments(7, seg), 0);
    ck_assert_int_eq(data_mall_segments(7, seg2), 0);
    ck_assert_mem_eq(seg, seg2, sizeof seg);

    ck_assert_int_eq(a.n, DATA_MALL_N);
    int count[DATA_MALL_K] = { 0 }, total = 0;
    double age_sum[DATA_MALL_K] = { 0 };
    for (int k = 0; k < a.n; k++) {
        REQUIRE(a.id[k] == k + 1, "row %d has id %d", k, a.id[k]);
        REQUIRE(a.gender[k] == 0 || a.gender[k] == 1, "row %d: gender %d", k, a.gender[k]);
        REQUIRE(a.age[k] >= 18 && a.age[k] <= 70 && a.age[k] == floor(a.age[k]),
                      "row %d: age %g", k, a.age[k]);
        if (k > 0)
            REQUIRE(a.income[k] >= a.income[k - 1], "rows are not sorted by income at %d",
                          k);
        const DataMallSegment *g = data_mall_segment(seg[k]);
        REQUIRE(g != NULL, "row %d: segment %d", k, seg[k]);
        REQUIRE(a.income[k] >= g->income_lo && a.income[k] <= g->income_hi &&
                          a.score[k] >= g->score_lo && a.score[k] <= g->score_hi,
                      "row %d (income %g, score %g) is outside the box of segment %d (%s)", k,
                      a.income[k], a.score[k], seg[k], g->name);
        REQUIRE(a.income[k] == floor(a.income[k]) && a.score[k] == floor(a.score[k]),
                "row %d: income %g, score %g", k, a.income[k], a.score[k]);
        count[seg[k]]++;
        age_sum[seg[k]] += a.age[k];
    }
    for (int s = 0; s < DATA_MALL_K; s++) {
        ck_assert_int_eq(count[s], data_mall_segment(s)->count);
        total += data_mall_segment(s)->count;
    }
    ck_assert_int_eq(total, DATA_MALL_N);
    ck_assert_ptr_null(data_mall_segment(DATA_MALL_K));
    ck_assert_ptr_null(data_mall_segment(-1));
    /* ages by segment: the low-income big spenders are the young ones */
    REQUIRE(age_sum[1] / count[1] < 30 && age_sum[0] / count[0] > 38,
                  "mean ages: segment 1 %.1f (documented 25), segment 0 %.1f (documented 45)",
                  age_sum[1] / count[1], age_sum[0] / count[0]);
    data_mall_free(&a);
    data_mall_free(&b);
    data_mall_free(&c);
}
END_TEST

/* What the generator makes, written as a CSV and read back, is what it made. */
START_TEST(mall_generated_round_trips_through_csv)
{
    DataMall a, b;
    ck_assert_int_eq(data_mall_generate(11, &a), 0);
    char text[16384], path[512], err[512] = "";
    size_t len = (size_t)snprintf(text, sizeof text, "%s", MALL_HEAD);
    for (int k = 0; k < a.n; k++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%d,%s,%g,%g,%g\r\n", a.id[k],
                                a.gender[k] ? "Female" : "Male", a.age[k], a.income[k],
                                a.score[k]);
    ck_assert_uint_lt(len, sizeof text);
    write_text("generated.csv", text, 0, path, sizeof path);
    REQUIRE(data_load_mall(path, &b, err, sizeof err) == 0, "%s", err);
    expect_same_mall(&a, &b);
    data_mall_free(&a);
    data_mall_free(&b);
}
END_TEST

static int count_order(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

START_TEST(movielens_generator_has_the_promised_shape)
{
    DataRatings a, b, c;
    ck_assert_int_eq(data_movielens_generate(3, &a), 0);
    ck_assert_int_eq(data_movielens_generate(3, &b), 0);
    ck_assert_int_eq(data_movielens_generate(4, &c), 0);
    ck_assert_int_eq(a.n, DATA_ML_RATINGS);
    ck_assert_int_eq(a.users, DATA_ML_USERS);
    ck_assert_int_eq(a.items, DATA_ML_ITEMS);
    ck_assert_int_eq(b.n, a.n);
    ck_assert_mem_eq(a.user, b.user, sizeof(int) * (size_t)a.n);
    ck_assert_mem_eq(a.item, b.item, sizeof(int) * (size_t)a.n);
    ck_assert_mem_eq(a.value, b.value, sizeof(double) * (size_t)a.n);
    REQUIRE(memcmp(a.item, c.item, sizeof(int) * (size_t)a.n) != 0,
                  "seeds 3 and 4 gave the same ratings");

    enum { U = DATA_ML_USERS, I = DATA_ML_ITEMS };
    static int per_user[U], per_item[I];
    static unsigned char rated[U][I];
    memset(per_user, 0, sizeof per_user);
    memset(per_item, 0, sizeof per_item);
    memset(rated, 0, sizeof rated);
    int stars[6] = { 0 };
    double mean = 0.0;
    for (int t = 0; t < a.n; t++) {
        int u = a.user[t], i = a.item[t];
        double v = a.value[t];
        REQUIRE(u >= 0 && u < U && i >= 0 && i < I, "rating %d: user %d, item %d", t, u,
                      i);
        REQUIRE(v >= 1 && v <= 5 && v == floor(v), "rating %d is %g", t, v);
        REQUIRE(!rated[u][i], "user %d rates item %d twice", u, i);
        rated[u][i] = 1;
        per_user[u]++;
        per_item[i]++;
        stars[(int)v]++;
        mean += v / a.n;
    }
    for (int u = 0; u < U; u++)
        REQUIRE(per_user[u] >= DATA_ML_MIN_PER_USER, "user %d has %d ratings", u,
                      per_user[u]);
    for (int i = 0; i < I; i++)
        REQUIRE(per_item[i] >= 1, "item %d has no rating", i);
    for (int s = 1; s <= 5; s++)
        REQUIRE(stars[s] > a.n / 50, "only %d ratings of %d stars", stars[s], s);
    REQUIRE(mean > 3.3 && mean < 3.7, "mean rating %.3f", mean);
    /* Zipf-like popularity: a head far above the median item, a tail of single ratings */
    qsort(per_item, I, sizeof(int), count_order);
    REQUIRE(per_item[I - 1] >= 10 * per_item[I / 2] && per_item[I - 1] <= U,
                  "the most popular item has %d ratings, the median one %d", per_item[I - 1],
                  per_item[I / 2]);
    REQUIRE(per_item[50] <= 2, "fewer than 50 items have 1–2 ratings");
    data_ratings_free(&a);
    data_ratings_free(&b);
    data_ratings_free(&c);
}
END_TEST

/* ---- the split ------------------------------------------------------------------------------- */

/* A small rating set with distinct (user, item) pairs: user t % 13, item t. */
static void small_set(DataRatings *d, int n)
{
    *d = (DataRatings){ n, 13, n, malloc(sizeof(int) * (size_t)n),
                        malloc(sizeof(int) * (size_t)n), malloc(sizeof(double) * (size_t)n) };
    for (int t = 0; t < n; t++) {
        d->user[t] = t % 13;
        d->item[t] = t;
        d->value[t] = 1 + t % 5;
    }
}

/* fraction → test size for n = 10 (round half up) */
static const struct { double fraction; int ntest; } split_sizes[] = {
    { 0.0, 0 }, { 0.2, 2 }, { 0.25, 3 }, { 0.5, 5 }, { 0.94, 9 }, { 1.0, 10 },
};

START_TEST(split_has_the_promised_sizes_and_no_overlap)
{
    DataRatings all, train, test;
    small_set(&all, 10);
    double f = split_sizes[_i].fraction;
    ck_assert_int_eq(data_ratings_split(&all, f, 5, &train, &test), 0);
    REQUIRE(test.n == split_sizes[_i].ntest && train.n == 10 - test.n,
                  "fraction %g of 10: test %d, train %d", f, test.n, train.n);
    ck_assert_int_eq(train.users, 13);
    ck_assert_int_eq(test.items, 10);
    /* every rating in exactly one part, each part in the order of `all` (item t is rating t) */
    int seen[10] = { 0 };
    const DataRatings *part[2] = { &train, &test };
    for (int p = 0; p < 2; p++)
        for (int t = 0; t < part[p]->n; t++) {
            int i = part[p]->item[t];
            REQUIRE(part[p]->user[t] == all.user[i] && part[p]->value[t] == all.value[i],
                    "part %d, rating %d does not match rating %d of all", p, t, i);
            seen[i]++;
            REQUIRE(t == 0 || i > part[p]->item[t - 1], "part %d is out of order at %d", p, t);
        }
    for (int i = 0; i < 10; i++)
        REQUIRE(seen[i] == 1, "rating %d is in %d parts", i, seen[i]);
    data_ratings_free(&train);
    data_ratings_free(&test);
    data_ratings_free(&all);
}
END_TEST

START_TEST(split_of_generated_ratings_is_seeded)
{
    DataRatings all, tr1, te1, tr2, te2, tr3, te3;
    ck_assert_int_eq(data_movielens_generate(1, &all), 0);
    ck_assert_int_eq(data_ratings_split(&all, 0.2, 9, &tr1, &te1), 0);
    ck_assert_int_eq(data_ratings_split(&all, 0.2, 9, &tr2, &te2), 0);
    ck_assert_int_eq(data_ratings_split(&all, 0.2, 10, &tr3, &te3), 0);
    ck_assert_int_eq(te1.n, 20000);
    ck_assert_int_eq(tr1.n, 80000);
    ck_assert_int_eq(tr1.users, DATA_ML_USERS);
    ck_assert_int_eq(te1.items, DATA_ML_ITEMS);
    ck_assert_mem_eq(te1.user, te2.user, sizeof(int) * 20000);
    ck_assert_mem_eq(te1.item, te2.item, sizeof(int) * 20000);
    REQUIRE(memcmp(te1.item, te3.item, sizeof(int) * 20000) != 0 ||
                      memcmp(te1.user, te3.user, sizeof(int) * 20000) != 0,
                  "seeds 9 and 10 gave the same split");
    /* no (user, item) pair in both parts, and together they are all of it */
    static unsigned char where[DATA_ML_USERS][DATA_ML_ITEMS];
    memset(where, 0, sizeof where);
    for (int t = 0; t < tr1.n; t++)
        where[tr1.user[t]][tr1.item[t]] |= 1;
    for (int t = 0; t < te1.n; t++) {
        REQUIRE(!(where[te1.user[t]][te1.item[t]] & 1), "user %d, item %d is in both",
                      te1.user[t], te1.item[t]);
        where[te1.user[t]][te1.item[t]] |= 2;
    }
    for (int t = 0; t < all.n; t++)
        REQUIRE(where[all.user[t]][all.item[t]] != 0, "rating %d is in neither part", t);
    DataRatings *free_me[] = { &all, &tr1, &te1, &tr2, &te2, &tr3, &te3 };
    for (size_t k = 0; k < sizeof free_me / sizeof free_me[0]; k++)
        data_ratings_free(free_me[k]);
}
END_TEST

START_TEST(split_refuses_a_bad_fraction)
{
    DataRatings all, train, test;
    small_set(&all, 10);
    static const double BAD[] = { -0.1, 1.5, NAN };
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(data_ratings_split(&all, BAD[k], 1, &train, &test), -1);
        ck_assert(train.n == 0 && train.user == NULL && test.n == 0 && test.value == NULL);
    }
    data_ratings_free(&all);
}
END_TEST

/* ---- which data sets are on disk ------------------------------------------------------------- */

START_TEST(data_find_follows_env)
{
    char dir[512], path[512];
    DataSet t[DATA_SETS + 1];
    memset(t, 0, sizeof t);
    unsetenv("LA4AI_DATA_DIR");
    ck_assert_int_eq(data_find(t, DATA_SETS), DATA_SETS);
    ck_assert_str_eq(t[0].name, "fashion-mnist");
    ck_assert_str_eq(t[1].name, "mall");
    ck_assert_str_eq(t[2].name, "ml-100k");
    for (int s = 0; s < DATA_SETS; s++)
        ck_assert(t[s].description && *t[s].description && t[s].looked_in &&
                  t[s].substitute && *t[s].substitute);
    ck_assert_ptr_null(t[1].path);
    ck_assert_ptr_null(t[2].path);
    ck_assert_ptr_null(data_mall_path());

    snprintf(dir, sizeof dir, "%s/mall", tmpdir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    write_text("mall/Mall_Customers.csv", MALL_HEAD "1,Male,19,15,39\n", 0, path, sizeof path);
    setenv("LA4AI_DATA_DIR", tmpdir, 1);
    ck_assert_int_eq(data_find(t, DATA_SETS), DATA_SETS);
    ck_assert_ptr_nonnull(t[1].path);
    ck_assert_str_eq(t[1].path, path);
    ck_assert_ptr_null(t[2].path);

    snprintf(dir, sizeof dir, "%s/ml-100k", tmpdir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    write_text("ml-100k/u.data", "1\t1\t5\t0\n", 0, path, sizeof path);
    DataSet one[2];
    memset(one, 0, sizeof one);
    ck_assert_int_eq(data_find(one, 1), DATA_SETS); /* fills only what it is given */
    ck_assert_str_eq(one[0].name, "fashion-mnist");
    ck_assert_ptr_null(one[1].name);
    data_find(t, DATA_SETS);
    ck_assert_ptr_nonnull(t[2].path);
    ck_assert_str_eq(t[2].path, path);
    ck_assert_str_eq(data_movielens_path(), path);
    unsetenv("LA4AI_DATA_DIR");
}
END_TEST

/* ---- the real files, when $LA4AI_DATA_DIR has them ------------------------------------------ */

START_TEST(real_mall_and_movielens_when_present)
{
    const char *mall = data_mall_path(), *ml = data_movielens_path();
    char err[512] = "";
    if (!mall && !ml)
        fprintf(stderr, "note: no Mall Customers or MovieLens 100K under $LA4AI_DATA_DIR; the "
                "real-data checks are skipped\n");
    if (mall) {
        DataMall m;
        ck_assert_msg(data_load_mall(mall, &m, err, sizeof err) == 0, "%s", err);
        ck_assert_int_eq(m.n, 200);
        data_mall_free(&m);
    }
    if (ml) {
        DataRatings r;
        ck_assert_msg(data_load_movielens(ml, &r, err, sizeof err) == 0, "%s", err);
        ck_assert_int_eq(r.n, 100000);
        ck_assert_int_eq(r.users, 943);
        ck_assert_int_eq(r.items, 1682);
        data_ratings_free(&r);
    }
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

    TCase *text = tcase_create("TextFiles");
    tcase_add_checked_fixture(text, make_tmpdir, remove_tmpdir);
    tcase_add_test(text, mall_good_file_with_bom_crlf_quotes);
    tcase_add_test(text, mall_plain_and_gzipped);
    tcase_add_loop_test(text, mall_malformed_named_by_line_and_column, 0,
                        (int)(sizeof bad_mall / sizeof bad_mall[0]));
    tcase_add_test(text, text_files_missing_or_cut_gzip);
    tcase_add_test(text, movielens_good_file);
    tcase_add_loop_test(text, movielens_malformed_named_by_line_and_column, 0,
                        (int)(sizeof bad_udata / sizeof bad_udata[0]));
    tcase_add_test(text, data_find_follows_env);
    suite_add_tcase(s, text);

    TCase *gen = tcase_create("Generators");
    tcase_add_checked_fixture(gen, make_tmpdir, remove_tmpdir);
    tcase_set_timeout(gen, 30);
    tcase_add_test(gen, mall_generator_is_deterministic_and_as_documented);
    tcase_add_test(gen, mall_generated_round_trips_through_csv);
    tcase_add_test(gen, movielens_generator_has_the_promised_shape);
    tcase_add_loop_test(gen, split_has_the_promised_sizes_and_no_overlap, 0,
                        (int)(sizeof split_sizes / sizeof split_sizes[0]));
    tcase_add_test(gen, split_of_generated_ratings_is_seeded);
    tcase_add_test(gen, split_refuses_a_bad_fraction);
    suite_add_tcase(s, gen);

    TCase *real = tcase_create("RealData");
    tcase_set_timeout(real, 30);
    tcase_add_test(real, fashion_mnist_first_100_test_images);
    tcase_add_test(real, fashion_mnist_test_split_is_balanced);
    tcase_add_test(real, real_mall_and_movielens_when_present);
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
