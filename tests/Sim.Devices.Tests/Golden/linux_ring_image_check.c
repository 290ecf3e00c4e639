/*
 * Reads a split-ring image written by the simulator, the way Linux lays it out: struct vring from vring_init
 * (linux/virtio_ring.h) over the image, so every field is read through the Linux structs, never through offsets of
 * our own. Checks what an expectation file says and prints "OK <checks>" (exit 0), or the first mismatch as
 * "MISMATCH <what>: expected <x>, got <y>" (exit 1). Bad input: "ERROR <why>" (exit 2).
 *
 * Usage: linux_ring_image_check EXPECTATIONS
 *
 * Expectation lines (numbers in C syntax: 0x.. or decimal; '#' starts a comment line):
 *   ring BASE NUM ALIGN PATH         the ring image: guest bytes [BASE, BASE + vring_size(NUM, ALIGN)); first line
 *   region BASE PATH                 more guest bytes (indirect tables) at BASE; any number of them
 *   layout AVAIL_OFFSET USED_OFFSET  where vring_init puts the available and used rings, from the table start
 *   desc I ADDR LEN FLAGS NEXT       descriptor I of the table
 *   avail_flags V | avail_idx V | used_event V
 *   avail SLOT HEAD                  avail->ring[SLOT]
 *   used_flags V | used_idx V | avail_event V
 *   used SLOT ID LEN                 used->ring[SLOT]
 *   used_chain SLOT AVAIL_SLOT LEN   used->ring[SLOT] names the chain whose head is avail->ring[AVAIL_SLOT], with LEN
 *   chain SLOT SEG...                the chain whose head is avail->ring[SLOT], followed through NEXT (and through an
 *                                    INDIRECT head's table, looked up in the regions); SEG is r:ADDR:LEN (device-
 *                                    readable) or w:ADDR:LEN (device-writable); the chain must end after the last SEG
 *
 * All fields are little-endian (virtio 1.x); le*toh makes the check correct on any host.
 * Build: gcc -std=gnu11 -Wall -Wextra -Werror -o linux_ring_image_check linux_ring_image_check.c
 */
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/virtio_ring.h>

#define MAX_REGIONS 8

struct region {
	uint64_t base;
	size_t size;
	unsigned char *bytes;
};

static struct region regions[MAX_REGIONS]; /* regions[0] is the ring image */
static int region_count;
static struct vring vr;
static unsigned long checks;
static unsigned line_number;

static void fail(int code, const char *kind, const char *format, ...)
{
	va_list args;
	printf("%s line %u: ", kind, line_number);
	va_start(args, format);
	vprintf(format, args);
	va_end(args);
	printf("\n");
	exit(code);
}

static uint64_t number(const char *text)
{
	char *end;
	errno = 0;
	uint64_t value = strtoull(text, &end, 0);
	if (errno != 0 || end == text || *end != '\0') fail(2, "ERROR", "not a number: '%s'", text);
	return value;
}

static void expect(const char *what, uint64_t expected, uint64_t actual)
{
	checks++;
	if (expected != actual)
		fail(1, "MISMATCH", "%s: expected %#" PRIx64 " (%" PRIu64 "), got %#" PRIx64 " (%" PRIu64 ")", what, expected,
		     expected, actual, actual);
}

/* Loads a file into memory aligned to ALIGN (vring_init aligns the used ring by absolute address, as in the guest). */
static unsigned char *load(const char *path, size_t *size, unsigned long align)
{
	FILE *file = fopen(path, "rb");
	if (file == NULL) fail(2, "ERROR", "cannot open %s: %s", path, strerror(errno));
	fseek(file, 0, SEEK_END);
	long length = ftell(file);
	fseek(file, 0, SEEK_SET);
	size_t padded = ((size_t)length + align - 1) & ~(size_t)(align - 1);
	unsigned char *bytes = aligned_alloc(align, padded == 0 ? align : padded);
	if (bytes == NULL || fread(bytes, 1, (size_t)length, file) != (size_t)length)
		fail(2, "ERROR", "cannot read %s", path);
	fclose(file);
	*size = (size_t)length;
	return bytes;
}

/* The table of COUNT descriptors at guest address ADDR, from whichever region holds all of it. */
static const struct vring_desc *guest_table(uint64_t addr, uint64_t count, const char *what)
{
	for (int i = 0; i < region_count; i++) {
		const struct region *r = &regions[i];
		if (addr >= r->base && addr - r->base <= r->size && count * sizeof(struct vring_desc) <= r->size - (addr - r->base))
			return (const struct vring_desc *)(r->bytes + (addr - r->base));
	}
	fail(1, "MISMATCH", "%s: %" PRIu64 " descriptors at %#" PRIx64 " are in no region the simulator dumped", what, count, addr);
	return NULL;
}

static void check_chain(char **words, int count)
{
	unsigned slot = (unsigned)number(words[1]);
	if (slot >= vr.num) fail(2, "ERROR", "chain slot %u is outside the ring of %u", slot, vr.num);
	unsigned head = le16toh(vr.avail->ring[slot]);
	if (head >= vr.num) fail(1, "MISMATCH", "chain %u: head %u is outside the ring of %u", slot, head, vr.num);

	const struct vring_desc *table = vr.desc;
	unsigned table_size = vr.num, index = head;
	char what[96];
	if (le16toh(vr.desc[head].flags) & VRING_DESC_F_INDIRECT) {
		uint32_t len = le32toh(vr.desc[head].len);
		snprintf(what, sizeof what, "chain %u: indirect head %u len", slot, head);
		expect(what, (uint64_t)(count - 2) * sizeof(struct vring_desc), len);
		table_size = len / sizeof(struct vring_desc);
		table = guest_table(le64toh(vr.desc[head].addr), table_size, what);
		index = 0;
	}
	for (int s = 2; s < count; s++) {
		int segment = s - 2;
		char kind;
		char addr_text[32], len_text[32];
		if (sscanf(words[s], "%c:%31[^:]:%31s", &kind, addr_text, len_text) != 3 || (kind != 'r' && kind != 'w'))
			fail(2, "ERROR", "bad segment '%s'", words[s]);
		if (index >= table_size) fail(1, "MISMATCH", "chain %u segment %d: next index %u is outside its table of %u", slot, segment, index, table_size);
		const struct vring_desc *d = &table[index];
		uint16_t flags = le16toh(d->flags);
		snprintf(what, sizeof what, "chain %u segment %d (descriptor %u) addr", slot, segment, index);
		expect(what, number(addr_text), le64toh(d->addr));
		snprintf(what, sizeof what, "chain %u segment %d (descriptor %u) len", slot, segment, index);
		expect(what, number(len_text), le32toh(d->len));
		snprintf(what, sizeof what, "chain %u segment %d (descriptor %u) VRING_DESC_F_WRITE", slot, segment, index);
		expect(what, kind == 'w', (flags & VRING_DESC_F_WRITE) != 0);
		snprintf(what, sizeof what, "chain %u segment %d (descriptor %u) VRING_DESC_F_INDIRECT", slot, segment, index);
		expect(what, 0, (flags & VRING_DESC_F_INDIRECT) != 0);
		snprintf(what, sizeof what, "chain %u segment %d (descriptor %u) VRING_DESC_F_NEXT", slot, segment, index);
		expect(what, s + 1 < count, (flags & VRING_DESC_F_NEXT) != 0);
		index = le16toh(d->next);
	}
}

static void check_line(char **w, int n)
{
	char what[96];
	const char *k = w[0];
	if (!strcmp(k, "layout") && n == 3) {
		expect("layout: avail ring offset", number(w[1]), (uint64_t)((char *)vr.avail - (char *)vr.desc));
		expect("layout: used ring offset", number(w[2]), (uint64_t)((char *)vr.used - (char *)vr.desc));
	} else if (!strcmp(k, "desc") && n == 6) {
		unsigned i = (unsigned)number(w[1]);
		if (i >= vr.num) fail(2, "ERROR", "descriptor %u is outside the ring of %u", i, vr.num);
		snprintf(what, sizeof what, "desc[%u].addr", i);
		expect(what, number(w[2]), le64toh(vr.desc[i].addr));
		snprintf(what, sizeof what, "desc[%u].len", i);
		expect(what, number(w[3]), le32toh(vr.desc[i].len));
		snprintf(what, sizeof what, "desc[%u].flags", i);
		expect(what, number(w[4]), le16toh(vr.desc[i].flags));
		snprintf(what, sizeof what, "desc[%u].next", i);
		expect(what, number(w[5]), le16toh(vr.desc[i].next));
	} else if (!strcmp(k, "avail_flags") && n == 2) {
		expect("avail->flags", number(w[1]), le16toh(vr.avail->flags));
	} else if (!strcmp(k, "avail_idx") && n == 2) {
		expect("avail->idx", number(w[1]), le16toh(vr.avail->idx));
	} else if (!strcmp(k, "avail") && n == 3) {
		unsigned slot = (unsigned)number(w[1]);
		if (slot >= vr.num) fail(2, "ERROR", "avail slot %u is outside the ring of %u", slot, vr.num);
		snprintf(what, sizeof what, "avail->ring[%u]", slot);
		expect(what, number(w[2]), le16toh(vr.avail->ring[slot]));
	} else if (!strcmp(k, "used_event") && n == 2) {
		expect("vring_used_event", number(w[1]), le16toh(vring_used_event(&vr)));
	} else if (!strcmp(k, "used_flags") && n == 2) {
		expect("used->flags", number(w[1]), le16toh(vr.used->flags));
	} else if (!strcmp(k, "used_idx") && n == 2) {
		expect("used->idx", number(w[1]), le16toh(vr.used->idx));
	} else if (!strcmp(k, "used") && n == 4) {
		unsigned slot = (unsigned)number(w[1]);
		if (slot >= vr.num) fail(2, "ERROR", "used slot %u is outside the ring of %u", slot, vr.num);
		snprintf(what, sizeof what, "used->ring[%u].id", slot);
		expect(what, number(w[2]), le32toh(vr.used->ring[slot].id));
		snprintf(what, sizeof what, "used->ring[%u].len", slot);
		expect(what, number(w[3]), le32toh(vr.used->ring[slot].len));
	} else if (!strcmp(k, "used_chain") && n == 4) {
		unsigned slot = (unsigned)number(w[1]), avail_slot = (unsigned)number(w[2]);
		if (slot >= vr.num || avail_slot >= vr.num) fail(2, "ERROR", "used_chain slots %u, %u: ring of %u", slot, avail_slot, vr.num);
		snprintf(what, sizeof what, "used->ring[%u].id (the head in avail->ring[%u])", slot, avail_slot);
		expect(what, le16toh(vr.avail->ring[avail_slot]), le32toh(vr.used->ring[slot].id));
		snprintf(what, sizeof what, "used->ring[%u].len", slot);
		expect(what, number(w[3]), le32toh(vr.used->ring[slot].len));
	} else if (!strcmp(k, "avail_event") && n == 2) {
		expect("vring_avail_event", number(w[1]), le16toh(vring_avail_event(&vr)));
	} else if (!strcmp(k, "chain") && n >= 3) {
		check_chain(w, n);
	} else {
		fail(2, "ERROR", "unknown or malformed line '%s' (%d words)", k, n);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s EXPECTATIONS\n", argv[0]);
		return 2;
	}
	FILE *input = fopen(argv[1], "r");
	if (input == NULL) {
		printf("ERROR cannot open %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	char line[8192];
	while (fgets(line, sizeof line, input) != NULL) {
		line_number++;
		char *words[600];
		int n = 0;
		for (char *word = strtok(line, " \t\r\n"); word != NULL && n < 600; word = strtok(NULL, " \t\r\n")) words[n++] = word;
		if (n == 0 || words[0][0] == '#') continue;

		if (!strcmp(words[0], "ring") && n == 5) {
			if (region_count != 0) fail(2, "ERROR", "the ring line must come first, and once");
			unsigned num = (unsigned)number(words[2]);
			unsigned long align = (unsigned long)number(words[3]);
			struct region *r = &regions[region_count++];
			r->base = number(words[1]);
			r->bytes = load(words[4], &r->size, align);
			if (r->size != vring_size(num, align))
				fail(1, "MISMATCH", "ring image size: expected vring_size(%u, %lu) = %u, got %zu", num, align, vring_size(num, align), r->size);
			vring_init(&vr, num, r->bytes, align);
		} else if (!strcmp(words[0], "region") && n == 3) {
			if (region_count == 0 || region_count == MAX_REGIONS) fail(2, "ERROR", "region before the ring, or too many regions");
			struct region *r = &regions[region_count++];
			r->base = number(words[1]);
			r->bytes = load(words[2], &r->size, 16);
		} else {
			if (region_count == 0) fail(2, "ERROR", "the ring line must come first");
			check_line(words, n);
		}
	}
	fclose(input);
	if (region_count == 0) {
		printf("ERROR no ring line\n");
		return 2;
	}
	printf("OK %lu\n", checks);
	return 0;
}
