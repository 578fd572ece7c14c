/*
 * The JSON report: whatever bytes the names and the error hold, it is one
 * valid JSON object in valid UTF-8 (checked by a strict validator here, RFC
 * 8259 and RFC 3629), and each name reads back as its bytes where they were
 * UTF-8, U+FFFD where they were not.
 */
#include "../../lib/group.h"
#include "../../lib/report.h"
#include "fuzz.h"

struct in {
	const char *s, *end;
};

static int value(struct in *in, int depth);

static void
blanks(struct in *in)
{
	while (in->s < in->end && strchr(" \t\r\n", *in->s) != NULL && *in->s)
		in->s++;
}

/* One UTF-8 sequence, strictly: no overlong, no surrogate, <= U+10FFFF. */
static int
utf8(struct in *in)
{
	const unsigned char *p = (const unsigned char *)in->s;
	size_t left = (size_t)(in->end - in->s), len, i;
	unsigned c = p[0], cp;

	len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 &&
	    c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (len == 0 || len > left)
		return 0;
	cp = len == 1 ? c : c & (0xff >> (len + 1));
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	in->s += len;
	return 1;
}

static int
string(struct in *in)
{
	if (in->s >= in->end || *in->s++ != '"')
		return 0;
	while (in->s < in->end && *in->s != '"') {
		if ((unsigned char)*in->s < 0x20)
			return 0;
		if (*in->s == '\\') {
			if (++in->s >= in->end)
				return 0;
			if (*in->s == 'u') {
				if (in->end - in->s < 5)
					return 0;
				for (int i = 1; i <= 4; i++)
					if (strchr("0123456789abcdefABCDEF",
					    in->s[i]) == NULL || !in->s[i])
						return 0;
				in->s += 5;
			} else if (strchr("\"\\/bfnrt", *in->s) != NULL &&
			    *in->s) {
				in->s++;
			} else {
				return 0;
			}
		} else if (!utf8(in)) {
			return 0;
		}
	}
	return in->s++ < in->end;
}

static int
number(struct in *in)
{
	const char *start = in->s;

	if (in->s < in->end && *in->s == '-')
		in->s++;
	while (in->s < in->end && ((*in->s >= '0' && *in->s <= '9') ||
	    *in->s == '.' || *in->s == 'e' || *in->s == 'E' || *in->s == '+' ||
	    *in->s == '-'))
		in->s++;
	return in->s > start;
}

static int
word(struct in *in, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(in->end - in->s) < n || memcmp(in->s, w, n) != 0)
		return 0;
	in->s += n;
	return 1;
}

static int
items(struct in *in, char close, int depth, int pairs)
{
	blanks(in);
	if (in->s < in->end && *in->s == close)
		return in->s++, 1;
	for (;;) {
		blanks(in);
		if (pairs && (!string(in) || (blanks(in), in->s >= in->end) ||
		    *in->s++ != ':'))
			return 0;
		if (!value(in, depth + 1))
			return 0;
		blanks(in);
		if (in->s >= in->end)
			return 0;
		if (*in->s == close)
			return in->s++, 1;
		if (*in->s++ != ',')
			return 0;
	}
}

static int
value(struct in *in, int depth)
{
	blanks(in);
	if (in->s >= in->end || depth > 16)
		return 0;
	switch (*in->s) {
	case '{':
		in->s++;
		return items(in, '}', depth, 1);
	case '[':
		in->s++;
		return items(in, ']', depth, 0);
	case '"':
		return string(in);
	case 'n':
		return word(in, "null");
	case 't':
		return word(in, "true");
	case 'f':
		return word(in, "false");
	default:
		return number(in);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size), *out = NULL;
	size_t half = strlen(text) / 2, len = 0;
	struct program_settings set[2];
	struct program progs[2];
	struct group g;
	struct in in;
	FILE *f;

	memset(&g, 0, sizeof(g));
	memset(progs, 0, sizeof(progs));
	memset(set, 0, sizeof(set));
	set[0].name = text + half;	/* the second half, and the whole */
	set[1].name = text;
	progs[0].set = &set[0];
	progs[1].set = &set[1];
	progs[0].pid = 42;
	progs[0].end = END_STOPPED;
	progs[0].state = PROGRAM_DONE;
	progs[0].stop_wave = 1;
	g.progs = progs;
	g.nprogs = 2;
	g.trigger.kind = TRIGGER_EXIT;
	g.trigger.prog = &progs[1];
	if ((f = open_memstream(&out, &len)) == NULL)
		abort();
	report_print(f, &g, 125, text);
	fclose(f);
	in.s = out;
	in.end = out + len;
	FUZZ_CHECK(value(&in, 0));
	blanks(&in);
	FUZZ_CHECK(in.s == in.end);
	free(out);
	free(text);
	return 0;
}
