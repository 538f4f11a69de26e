/*
 * User query → safe FTS5 expression. See query.h for the syntax.
 *
 * Terms are cut into tokens the way FTS5's unicode61 tokenizer cuts
 * them (letters, digits and most other non-ASCII code points are token
 * characters; the table below lists the non-ASCII separators), and each
 * term is written back as an FTS5 string of its tokens, so nothing the
 * user types is ever read by FTS5 as syntax.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/log.h"
#include "query/query.h"

/* Bounds on the synonym table (user file is outside data). */
#ifndef LIMIT_SYNONYM_FILE_BYTES
#define LIMIT_SYNONYM_FILE_BYTES ((size_t)1 << 20)
#endif
#ifndef LIMIT_SYNONYM_GROUPS
#define LIMIT_SYNONYM_GROUPS    1024
#endif
#ifndef LIMIT_SYNONYM_NAMES
#define LIMIT_SYNONYM_NAMES     16    /* names in one group */
#endif
#ifndef LIMIT_SYNONYM_NAME_BYTES
#define LIMIT_SYNONYM_NAME_BYTES 128
#endif

/*
 * Non-ASCII code points unicode61 treats as separators (not letters,
 * numbers or private use), found by tokenizing every code point with
 * SQLite 3.40's FTS5 ("porter unicode61 remove_diacritics 2").
 */
static const unsigned long separators[][2] = {
	{0x80, 0xA9}, {0xAB, 0xB1}, {0xB4, 0xB4}, {0xB6, 0xB8}, {0xBB, 0xBB},
	{0xBF, 0xBF}, {0xD7, 0xD7}, {0xF7, 0xF7}, {0x2C2, 0x2C5}, {0x2D2, 0x2DF},
	{0x2E5, 0x2EB}, {0x2ED, 0x2ED}, {0x2EF, 0x2FF}, {0x305, 0x305},
	{0x30D, 0x30E}, {0x310, 0x310}, {0x312, 0x31A}, {0x31C, 0x322},
	{0x329, 0x32C}, {0x32F, 0x32F}, {0x332, 0x36F}, {0x375, 0x375},
	{0x37E, 0x37E}, {0x384, 0x385}, {0x387, 0x387}, {0x3F6, 0x3F6},
	{0x482, 0x489}, {0x55A, 0x55F}, {0x589, 0x58A}, {0x58F, 0x58F},
	{0x591, 0x5C7}, {0x5F3, 0x5F4}, {0x600, 0x604}, {0x606, 0x61B},
	{0x61E, 0x61F}, {0x64B, 0x65F}, {0x66A, 0x66D}, {0x670, 0x670},
	{0x6D4, 0x6D4}, {0x6D6, 0x6E4}, {0x6E7, 0x6ED}, {0x6FD, 0x6FE},
	{0x700, 0x70D}, {0x70F, 0x70F}, {0x711, 0x711}, {0x730, 0x74A},
	{0x7A6, 0x7B0}, {0x7EB, 0x7F3}, {0x7F6, 0x7F9}, {0x816, 0x819},
	{0x81B, 0x823}, {0x825, 0x827}, {0x829, 0x82D}, {0x830, 0x83E},
	{0x859, 0x85B}, {0x85E, 0x85E}, {0x8E4, 0x8FE}, {0x900, 0x903},
	{0x93A, 0x93C}, {0x93E, 0x94F}, {0x951, 0x957}, {0x962, 0x965},
	{0x970, 0x970}, {0x981, 0x983}, {0x9BC, 0x9BC}, {0x9BE, 0x9C4},
	{0x9C7, 0x9C8}, {0x9CB, 0x9CD}, {0x9D7, 0x9D7}, {0x9E2, 0x9E3},
	{0x9F2, 0x9F3}, {0x9FA, 0x9FB}, {0xA01, 0xA03}, {0xA3C, 0xA3C},
	{0xA3E, 0xA42}, {0xA47, 0xA48}, {0xA4B, 0xA4D}, {0xA51, 0xA51},
	{0xA70, 0xA71}, {0xA75, 0xA75}, {0xA81, 0xA83}, {0xABC, 0xABC},
	{0xABE, 0xAC5}, {0xAC7, 0xAC9}, {0xACB, 0xACD}, {0xAE2, 0xAE3},
	{0xAF0, 0xAF1}, {0xB01, 0xB03}, {0xB3C, 0xB3C}, {0xB3E, 0xB44},
	{0xB47, 0xB48}, {0xB4B, 0xB4D}, {0xB56, 0xB57}, {0xB62, 0xB63},
	{0xB70, 0xB70}, {0xB82, 0xB82}, {0xBBE, 0xBC2}, {0xBC6, 0xBC8},
	{0xBCA, 0xBCD}, {0xBD7, 0xBD7}, {0xBF3, 0xBFA}, {0xC01, 0xC03},
	{0xC3E, 0xC44}, {0xC46, 0xC48}, {0xC4A, 0xC4D}, {0xC55, 0xC56},
	{0xC62, 0xC63}, {0xC7F, 0xC7F}, {0xC82, 0xC83}, {0xCBC, 0xCBC},
	{0xCBE, 0xCC4}, {0xCC6, 0xCC8}, {0xCCA, 0xCCD}, {0xCD5, 0xCD6},
	{0xCE2, 0xCE3}, {0xD02, 0xD03}, {0xD3E, 0xD44}, {0xD46, 0xD48},
	{0xD4A, 0xD4D}, {0xD57, 0xD57}, {0xD62, 0xD63}, {0xD79, 0xD79},
	{0xD82, 0xD83}, {0xDCA, 0xDCA}, {0xDCF, 0xDD4}, {0xDD6, 0xDD6},
	{0xDD8, 0xDDF}, {0xDF2, 0xDF4}, {0xE31, 0xE31}, {0xE34, 0xE3A},
	{0xE3F, 0xE3F}, {0xE47, 0xE4F}, {0xE5A, 0xE5B}, {0xEB1, 0xEB1},
	{0xEB4, 0xEB9}, {0xEBB, 0xEBC}, {0xEC8, 0xECD}, {0xF01, 0xF1F},
	{0xF34, 0xF3F}, {0xF71, 0xF87}, {0xF8D, 0xF97}, {0xF99, 0xFBC},
	{0xFBE, 0xFCC}, {0xFCE, 0xFDA}, {0x102B, 0x103E}, {0x104A, 0x104F},
	{0x1056, 0x1059}, {0x105E, 0x1060}, {0x1062, 0x1064}, {0x1067, 0x106D},
	{0x1071, 0x1074}, {0x1082, 0x108D}, {0x108F, 0x108F}, {0x109A, 0x109F},
	{0x10FB, 0x10FB}, {0x135D, 0x1368}, {0x1390, 0x1399}, {0x1400, 0x1400},
	{0x166D, 0x166E}, {0x1680, 0x1680}, {0x169B, 0x169C}, {0x16EB, 0x16ED},
	{0x1712, 0x1714}, {0x1732, 0x1736}, {0x1752, 0x1753}, {0x1772, 0x1773},
	{0x17B4, 0x17D6}, {0x17D8, 0x17DB}, {0x17DD, 0x17DD}, {0x1800, 0x180E},
	{0x18A9, 0x18A9}, {0x1920, 0x192B}, {0x1930, 0x193B}, {0x1940, 0x1940},
	{0x1944, 0x1945}, {0x19B0, 0x19C0}, {0x19C8, 0x19C9}, {0x19DE, 0x19FF},
	{0x1A17, 0x1A1B}, {0x1A1E, 0x1A1F}, {0x1A55, 0x1A5E}, {0x1A60, 0x1A7C},
	{0x1A7F, 0x1A7F}, {0x1AA0, 0x1AA6}, {0x1AA8, 0x1AAD}, {0x1B00, 0x1B04},
	{0x1B34, 0x1B44}, {0x1B5A, 0x1B7C}, {0x1B80, 0x1B82}, {0x1BA1, 0x1BAD},
	{0x1BE6, 0x1BF3}, {0x1BFC, 0x1BFF}, {0x1C24, 0x1C37}, {0x1C3B, 0x1C3F},
	{0x1C7E, 0x1C7F}, {0x1CC0, 0x1CC7}, {0x1CD0, 0x1CE8}, {0x1CED, 0x1CED},
	{0x1CF2, 0x1CF4}, {0x1DC0, 0x1DE6}, {0x1DFC, 0x1DFF}, {0x1FBD, 0x1FBD},
	{0x1FBF, 0x1FC1}, {0x1FCD, 0x1FCF}, {0x1FDD, 0x1FDF}, {0x1FED, 0x1FEF},
	{0x1FFD, 0x1FFE}, {0x2000, 0x2064}, {0x206A, 0x206F}, {0x207A, 0x207E},
	{0x208A, 0x208E}, {0x20A0, 0x20B9}, {0x20D0, 0x20F0}, {0x2100, 0x2101},
	{0x2103, 0x2106}, {0x2108, 0x2109}, {0x2114, 0x2114}, {0x2116, 0x2118},
	{0x211E, 0x2123}, {0x2125, 0x2125}, {0x2127, 0x2127}, {0x2129, 0x2129},
	{0x212E, 0x212E}, {0x213A, 0x213B}, {0x2140, 0x2144}, {0x214A, 0x214D},
	{0x214F, 0x214F}, {0x2190, 0x23F3}, {0x2400, 0x2426}, {0x2440, 0x244A},
	{0x249C, 0x24E9}, {0x2500, 0x26FF}, {0x2701, 0x2775}, {0x2794, 0x2B4C},
	{0x2B50, 0x2B59}, {0x2CE5, 0x2CEA}, {0x2CEF, 0x2CF1}, {0x2CF9, 0x2CFC},
	{0x2CFE, 0x2CFF}, {0x2D70, 0x2D70}, {0x2D7F, 0x2D7F}, {0x2DE0, 0x2E2E},
	{0x2E30, 0x2E3B}, {0x2E80, 0x2E99}, {0x2E9B, 0x2EF3}, {0x2F00, 0x2FD5},
	{0x2FF0, 0x2FFB}, {0x3000, 0x3004}, {0x3008, 0x3020}, {0x302A, 0x3030},
	{0x3036, 0x3037}, {0x303D, 0x303F}, {0x3099, 0x309C}, {0x30A0, 0x30A0},
	{0x30FB, 0x30FB}, {0x3190, 0x3191}, {0x3196, 0x319F}, {0x31C0, 0x31E3},
	{0x3200, 0x321E}, {0x322A, 0x3247}, {0x3250, 0x3250}, {0x3260, 0x327F},
	{0x328A, 0x32B0}, {0x32C0, 0x32FE}, {0x3300, 0x33FF}, {0x4DC0, 0x4DFF},
	{0xA490, 0xA4C6}, {0xA4FE, 0xA4FF}, {0xA60D, 0xA60F}, {0xA66F, 0xA67E},
	{0xA69F, 0xA69F}, {0xA6F0, 0xA6F7}, {0xA700, 0xA716}, {0xA720, 0xA721},
	{0xA789, 0xA78A}, {0xA802, 0xA802}, {0xA806, 0xA806}, {0xA80B, 0xA80B},
	{0xA823, 0xA82B}, {0xA836, 0xA839}, {0xA874, 0xA877}, {0xA880, 0xA881},
	{0xA8B4, 0xA8C4}, {0xA8CE, 0xA8CF}, {0xA8E0, 0xA8F1}, {0xA8F8, 0xA8FA},
	{0xA926, 0xA92F}, {0xA947, 0xA953}, {0xA95F, 0xA95F}, {0xA980, 0xA983},
	{0xA9B3, 0xA9CD}, {0xA9DE, 0xA9DF}, {0xAA29, 0xAA36}, {0xAA43, 0xAA43},
	{0xAA4C, 0xAA4D}, {0xAA5C, 0xAA5F}, {0xAA77, 0xAA79}, {0xAA7B, 0xAA7B},
	{0xAAB0, 0xAAB0}, {0xAAB2, 0xAAB4}, {0xAAB7, 0xAAB8}, {0xAABE, 0xAABF},
	{0xAAC1, 0xAAC1}, {0xAADE, 0xAADF}, {0xAAEB, 0xAAF1}, {0xAAF5, 0xAAF6},
	{0xABE3, 0xABED}, {0xFB1E, 0xFB1E}, {0xFB29, 0xFB29}, {0xFBB2, 0xFBC1},
	{0xFD3E, 0xFD3F}, {0xFDFC, 0xFDFD}, {0xFE00, 0xFE19}, {0xFE20, 0xFE26},
	{0xFE30, 0xFE52}, {0xFE54, 0xFE66}, {0xFE68, 0xFE6B}, {0xFEFF, 0xFEFF},
	{0xFF01, 0xFF0F}, {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65},
	{0xFFE0, 0xFFE6}, {0xFFE8, 0xFFEE}, {0xFFF9, 0xFFFF}, {0x10100, 0x10102},
	{0x10137, 0x1013F}, {0x10179, 0x10189}, {0x10190, 0x1019B},
	{0x101D0, 0x101FD}, {0x1039F, 0x1039F}, {0x103D0, 0x103D0},
	{0x10857, 0x10857}, {0x1091F, 0x1091F}, {0x1093F, 0x1093F},
	{0x10A01, 0x10A03}, {0x10A05, 0x10A06}, {0x10A0C, 0x10A0F},
	{0x10A38, 0x10A3A}, {0x10A3F, 0x10A3F}, {0x10A50, 0x10A58},
	{0x10A7F, 0x10A7F}, {0x10B39, 0x10B3F}, {0x11000, 0x11002},
	{0x11038, 0x1104D}, {0x11080, 0x11082}, {0x110B0, 0x110C1},
	{0x11100, 0x11102}, {0x11127, 0x11134}, {0x11140, 0x11143},
	{0x11180, 0x11182}, {0x111B3, 0x111C0}, {0x111C5, 0x111C8},
	{0x116AB, 0x116B7}, {0x12470, 0x12473}, {0x16F51, 0x16F7E},
	{0x16F8F, 0x16F92}, {0x1D000, 0x1D0F5}, {0x1D100, 0x1D126},
	{0x1D129, 0x1D1DD}, {0x1D200, 0x1D245}, {0x1D300, 0x1D356},
	{0x1D6C1, 0x1D6C1}, {0x1D6DB, 0x1D6DB}, {0x1D6FB, 0x1D6FB},
	{0x1D715, 0x1D715}, {0x1D735, 0x1D735}, {0x1D74F, 0x1D74F},
	{0x1D76F, 0x1D76F}, {0x1D789, 0x1D789}, {0x1D7A9, 0x1D7A9},
	{0x1D7C3, 0x1D7C3}, {0x1EEF0, 0x1EEF1}, {0x1F000, 0x1F02B},
	{0x1F030, 0x1F093}, {0x1F0A0, 0x1F0AE}, {0x1F0B1, 0x1F0BE},
	{0x1F0C1, 0x1F0CF}, {0x1F0D1, 0x1F0DF}, {0x1F110, 0x1F12E},
	{0x1F130, 0x1F16B}, {0x1F170, 0x1F19A}, {0x1F1E6, 0x1F202},
	{0x1F210, 0x1F23A}, {0x1F240, 0x1F248}, {0x1F250, 0x1F251},
	{0x1F300, 0x1F320}, {0x1F330, 0x1F335}, {0x1F337, 0x1F37C},
	{0x1F380, 0x1F393}, {0x1F3A0, 0x1F3C4}, {0x1F3C6, 0x1F3CA},
	{0x1F3E0, 0x1F3F0}, {0x1F400, 0x1F43E}, {0x1F440, 0x1F440},
	{0x1F442, 0x1F4F7}, {0x1F4F9, 0x1F4FC}, {0x1F500, 0x1F53D},
	{0x1F540, 0x1F543}, {0x1F550, 0x1F567}, {0x1F5FB, 0x1F640},
	{0x1F645, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F700, 0x1F773},
	{0xE0001, 0xE0001}, {0xE0020, 0xE007F}, {0xE0100, 0xE01EF},
};

/*
 * Combining marks that remove_diacritics drops: a token made only of
 * these yields no FTS5 token at all.
 */
static const unsigned short diacritics[] = {
	0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308, 0x309,
	0x30A, 0x30B, 0x30C, 0x30F, 0x311, 0x31B, 0x323, 0x324, 0x325,
	0x326, 0x327, 0x328, 0x32D, 0x32E, 0x330, 0x331,
};

/* Left out of implicit-AND and OR queries unless quoted (lowercase). */
static const char *const stopwords[] = {
	"a", "an", "and", "are", "as", "at", "be", "but", "by", "can",
	"do", "does", "for", "from", "has", "have", "how", "if", "in",
	"into", "is", "it", "its", "of", "on", "or", "than", "that", "the",
	"their", "there", "these", "this", "to", "was", "were", "what",
	"when", "which", "who", "why", "will", "with",
};

/* The built-in table, in the user file's format. */
static const char *const builtin_synonyms[] = {
	"TRD = treatment resistant depression; treatment refractory depression",
	"MDD = major depressive disorder; major depression",
	"esketamine = Spravato; S-ketamine",
	"ketamine = Ketalar",
	"arketamine = R-ketamine",
	"ECT = electroconvulsive therapy",
	"TMS = transcranial magnetic stimulation",
	"rTMS = repetitive transcranial magnetic stimulation",
	"SSRI = selective serotonin reuptake inhibitor",
	"SNRI = serotonin norepinephrine reuptake inhibitor",
	"RCT = randomized controlled trial; randomised controlled trial",
	"SI = suicidal ideation",
	"PTSD = posttraumatic stress disorder; post-traumatic stress disorder",
	"OCD = obsessive compulsive disorder",
	"GAD = generalized anxiety disorder",
	"BD = bipolar disorder",
	"PPD = postpartum depression; postnatal depression",
	"NMDA = N-methyl-D-aspartate",
	"BDNF = brain-derived neurotrophic factor",
	"IV = intravenous",
	"IM = intramuscular",
	"MADRS = Montgomery-Asberg Depression Rating Scale",
	"HAM-D = HAMD; Hamilton Depression Rating Scale",
	"KAP = ketamine-assisted psychotherapy",
	"FDA = Food and Drug Administration",
};

struct syn_name {
	char *tokens; /* tokens joined by one space, as written */
	char *key;    /* the same, ASCII-lowercased */
	int exact;    /* match only in this case */
};

struct syn_group {
	struct syn_name *v;
	size_t n;
};

struct synonyms {
	struct syn_group *g;
	size_t n, alloc;
};

enum field { FIELD_ANY = 0, FIELD_TITLE, FIELD_MESH };

#define TERM_NEG    1u
#define TERM_PREFIX 2u
#define TERM_QUOTED 4u
#define TERM_STOP   8u
#define TERM_WORDS  16u  /* unquoted words naming a synonym: AND of them, not a phrase */

struct term {
	char *tokens;   /* tokens joined by one space */
	unsigned flags;
	enum field field;
	size_t group;   /* positive terms joined by OR share it */
	char **alt;     /* synonym alternatives (tokens form) */
	size_t nalt;
};

struct query {
	struct term *t;
	size_t n;
	int drop_stop;  /* some positive term is not a stopword */
	struct strlist words;
};

/* ---- tokens ---- */

/*
 * Decodes one UTF-8 sequence at s[*i] (len bytes in all) into *cp and
 * advances *i; returns 0, or -1 for a malformed byte (advanced by one).
 */
static int utf8_next(const unsigned char *s, size_t len, size_t *i,
	unsigned long *cp)
{
	unsigned char c = s[*i];
	unsigned long v, min;
	size_t n, k;

	if (c < 0x80) {
		*cp = c;
		(*i)++;
		return 0;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3; v = c & 0x07; min = 0x10000;
	} else {
		(*i)++;
		return -1;
	}
	if (len - *i <= n) {
		(*i)++;
		return -1;
	}
	for (k = 1; k <= n; k++) {
		unsigned char d = s[*i + k];
		if ((d & 0xC0) != 0x80) {
			(*i)++;
			return -1;
		}
		v = (v << 6) | (d & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		(*i)++;
		return -1;
	}
	*cp = v;
	*i += n + 1;
	return 0;
}

static int is_token_cp(unsigned long cp)
{
	size_t lo = 0, hi = sizeof(separators) / sizeof(separators[0]);

	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
			(cp >= 'A' && cp <= 'Z');
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < separators[mid][0])
			hi = mid;
		else if (cp > separators[mid][1])
			lo = mid + 1;
		else
			return 0;
	}
	return 1;
}

static int is_diacritic(unsigned long cp)
{
	size_t k;

	for (k = 0; k < sizeof(diacritics) / sizeof(diacritics[0]); k++)
		if (diacritics[k] == cp)
			return 1;
	return 0;
}

/*
 * Appends the unicode61 tokens of s[0..len) to 'out', one space between
 * them (and before the first when 'out' is not empty). Returns how many.
 */
static size_t tokenize(const char *s, size_t len, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, ntok = 0;

	while (i < len) {
		size_t start, mark = out->len;
		unsigned long cp = 0;
		int real = 0;

		start = i;
		if (utf8_next(u, len, &i, &cp) < 0 || !is_token_cp(cp))
			continue;
		if (out->len && buf_addc(out, ' ') < 0)
			return ntok;
		for (;;) {
			if (!is_diacritic(cp))
				real = 1;
			if (buf_add(out, s + start, i - start) < 0) {
				buf_setlen(out, mark);
				return ntok;
			}
			start = i;
			if (i >= len || utf8_next(u, len, &i, &cp) < 0 ||
			    !is_token_cp(cp))
				break;
		}
		if (real)
			ntok++;
		else
			buf_setlen(out, mark);
	}
	return ntok;
}

static void ascii_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static int is_stopword(const char *tokens)
{
	size_t k;

	if (strchr(tokens, ' ') || strlen(tokens) > 8)
		return 0;
	for (k = 0; k < sizeof(stopwords) / sizeof(stopwords[0]); k++) {
		const char *w = stopwords[k], *t = tokens;
		while (*w && (*t == *w || *t == *w - 'a' + 'A')) {
			w++;
			t++;
		}
		if (!*w && !*t)
			return 1;
	}
	return 0;
}

/* ---- synonyms ---- */

struct synonyms *synonyms_new(void)
{
	struct synonyms *syn = xcalloc(1, sizeof(*syn));
	size_t k;

	for (k = 0; k < sizeof(builtin_synonyms) / sizeof(builtin_synonyms[0]); k++)
		if (synonyms_add(syn, builtin_synonyms[k]) < 0)
			warnf("bad built-in synonym line '%s'", builtin_synonyms[k]);
	return syn;
}

void synonyms_free(struct synonyms *syn)
{
	size_t i, j;

	if (!syn)
		return;
	for (i = 0; i < syn->n; i++) {
		for (j = 0; j < syn->g[i].n; j++) {
			free(syn->g[i].v[j].tokens);
			free(syn->g[i].v[j].key);
		}
		free(syn->g[i].v);
	}
	free(syn->g);
	free(syn);
}

/* A name is matched exactly when it is one or two capitals. */
static int name_is_exact(const char *tokens)
{
	size_t n = strlen(tokens), k;

	if (n == 0 || n > 2)
		return 0;
	for (k = 0; k < n; k++)
		if (tokens[k] < 'A' || tokens[k] > 'Z')
			return 0;
	return 1;
}

static int name_matches(const struct syn_name *nm, const char *tokens,
	const char *key)
{
	return nm->exact ? !strcmp(nm->tokens, tokens) : !strcmp(nm->key, key);
}

/* The group holding a name for these tokens, or NULL. */
static const struct syn_group *syn_find(const struct synonyms *syn,
	const char *tokens, const char *key)
{
	size_t i, j;

	for (i = 0; syn && i < syn->n; i++)
		for (j = 0; j < syn->g[i].n; j++)
			if (name_matches(&syn->g[i].v[j], tokens, key))
				return &syn->g[i];
	return NULL;
}

static int group_has(const struct syn_group *g, const char *tokens)
{
	size_t j;

	for (j = 0; j < g->n; j++)
		if (!strcmp(g->v[j].tokens, tokens))
			return 1;
	return 0;
}

int synonyms_add(struct synonyms *syn, const char *line)
{
	struct buf names[LIMIT_SYNONYM_NAMES];
	size_t nnames = 0, k, len, i;
	const char *p, *eq, *end;
	struct syn_group *g = NULL;
	int rc = -1;

	end = line + strcspn(line, "#\r\n");
	p = line;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end)
		return 1;
	eq = memchr(p, '=', (size_t)(end - p));
	if (!eq)
		return -1;
	/* Cut the line at '=' and ';' into names, each to its tokens. */
	while (p < end) {
		const char *q = p;
		struct buf tmp;

		while (q < end && *q != '=' && *q != ';')
			q++;
		len = (size_t)(q - p);
		if (len > LIMIT_SYNONYM_NAME_BYTES)
			goto out;
		buf_init(&tmp, LIMIT_SYNONYM_NAME_BYTES);
		tokenize(p, len, &tmp);
		if (tmp.len && nnames == LIMIT_SYNONYM_NAMES) {
			buf_release(&tmp);
			goto out;
		}
		if (tmp.len)
			names[nnames++] = tmp;
		else
			buf_release(&tmp);
		p = q < end ? q + 1 : q;
	}
	if (nnames < 2)
		goto out;
	/* Extend the group that already holds one of the names. */
	for (k = 0; k < nnames && !g; k++) {
		char *key = xstrdup(names[k].data);
		ascii_lower(key);
		g = (struct syn_group *)syn_find(syn, names[k].data, key);
		free(key);
	}
	if (!g) {
		if (syn->n == LIMIT_SYNONYM_GROUPS)
			goto out;
		if (syn->n == syn->alloc) {
			syn->alloc = syn->alloc ? 2 * syn->alloc : 32;
			syn->g = xrealloc(syn->g, syn->alloc * sizeof(*syn->g));
		}
		g = &syn->g[syn->n++];
		g->v = NULL;
		g->n = 0;
	}
	for (k = 0; k < nnames; k++) {
		struct syn_name *nm;
		if (group_has(g, names[k].data))
			continue;
		if (g->n == LIMIT_SYNONYM_NAMES)
			break;
		g->v = xrealloc(g->v, (g->n + 1) * sizeof(*g->v));
		nm = &g->v[g->n++];
		nm->tokens = xstrdup(names[k].data);
		nm->key = xstrdup(names[k].data);
		ascii_lower(nm->key);
		nm->exact = name_is_exact(nm->tokens);
	}
	rc = 0;
out:
	for (i = 0; i < nnames; i++)
		buf_release(&names[i]);
	return rc;
}

int synonyms_load(struct synonyms *syn, const char *path)
{
	struct buf line = BUF_INIT_MAX(LIMIT_SYNONYM_FILE_BYTES);
	size_t total = 0;
	long lineno = 0, nbad = 0;
	int c, overlong = 0;
	FILE *f;

	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 1;
		return error("cannot open '%s': %s", path, strerror(errno));
	}
	for (;;) {
		c = getc(f);
		if (c != EOF && c != '\n') {
			if (++total > LIMIT_SYNONYM_FILE_BYTES)
				break;
			if (line.len >= 4 * LIMIT_SYNONYM_NAME_BYTES * LIMIT_SYNONYM_NAMES)
				overlong = 1;
			else if (c != '\0')
				buf_addc(&line, c);
			continue;
		}
		lineno++;
		if ((overlong || synonyms_add(syn, line.data) < 0) && ++nbad <= 5)
			warnf("%s:%ld: bad synonym line, skipped", path, lineno);
		buf_reset(&line);
		overlong = 0;
		if (c == EOF)
			break;
		total++;
	}
	if (nbad > 5)
		warnf("%s: %ld bad lines in all", path, nbad);
	if (total > LIMIT_SYNONYM_FILE_BYTES)
		warnf("%s: longer than %zu bytes, the rest ignored", path,
			(size_t)LIMIT_SYNONYM_FILE_BYTES);
	if (ferror(f)) {
		fclose(f);
		buf_release(&line);
		return error("cannot read '%s'", path);
	}
	fclose(f);
	buf_release(&line);
	return 0;
}

char *synonyms_default_path(void)
{
	struct buf b = BUF_INIT;
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");

	if (x && *x == '/')
		buf_printf(&b, "%s/evidex/synonyms", x);
	else if (h && *h)
		buf_printf(&b, "%s/.config/evidex/synonyms", h);
	else
		return NULL;
	return buf_detach(&b, NULL);
}

/* ---- parsing ---- */

/* 1 for bytes that end an unquoted item: white space, controls, ( ). */
static int is_item_sep(unsigned char c)
{
	return c <= ' ' || c == 0x7F || c == '(' || c == ')';
}

/* Length of a non-ASCII space (U+00A0, U+2000..U+200B, U+202F, U+205F,
 * U+3000) at s, else 0. */
static size_t unicode_space(const unsigned char *s, size_t left)
{
	if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] <= 0x8B || s[2] == 0xAF))
		return 3;
	if (left >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)
		return 3;
	if (left >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

static size_t item_sep_len(const char *s, size_t left)
{
	if (is_item_sep((unsigned char)*s))
		return 1;
	return unicode_space((const unsigned char *)s, left);
}

static int word_is(const char *s, size_t len, const char *w)
{
	return len == strlen(w) && !memcmp(s, w, len);
}

/* Length of a "mesh:" or "title:" prefix at s (any ASCII case), else 0. */
static size_t field_prefix(const char *s, size_t left, enum field *f)
{
	static const struct {
		const char *name;
		enum field f;
	} fields[] = { { "mesh:", FIELD_MESH }, { "title:", FIELD_TITLE } };
	size_t k, n, j;

	for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
		n = strlen(fields[k].name);
		if (left < n)
			continue;
		for (j = 0; j < n; j++) {
			char c = s[j];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != fields[k].name[j])
				break;
		}
		if (j == n) {
			*f = fields[k].f;
			return n;
		}
	}
	return 0;
}

static void term_release(struct term *t)
{
	size_t k;

	free(t->tokens);
	for (k = 0; k < t->nalt; k++)
		free(t->alt[k]);
	free(t->alt);
}

void query_free(struct query *q)
{
	size_t i;

	if (!q)
		return;
	for (i = 0; i < q->n; i++)
		term_release(&q->t[i]);
	free(q->t);
	strlist_release(&q->words);
	free(q);
}

static void expand(struct term *t, const struct synonyms *syn)
{
	const struct syn_group *g;
	char *key;
	size_t j;

	if (!syn || (t->flags & (TERM_PREFIX | TERM_STOP)) ||
	    t->field == FIELD_MESH)
		return;
	key = xstrdup(t->tokens);
	ascii_lower(key);
	g = syn_find(syn, t->tokens, key);
	if (g) {
		t->alt = xcalloc(g->n, sizeof(*t->alt));
		for (j = 0; j < g->n; j++) {
			if (!strcmp(g->v[j].key, key))
				continue;
			t->alt[t->nalt++] = xstrdup(g->v[j].tokens);
		}
	}
	free(key);
}

static void add_words(struct strlist *l, const char *tokens, int prefix)
{
	const char *p = tokens;

	while (*p) {
		size_t n = strcspn(p, " "), k;
		char *w = xmalloc(n + 2);
		int seen = 0;

		memcpy(w, p, n);
		w[n] = '\0';
		ascii_lower(w);
		if (prefix && !p[n])
			strcat(w, "*");
		for (k = 0; k < l->n && !seen; k++)
			seen = !strcmp(l->v[k], w);
		if (!seen)
			strlist_add(l, w);
		free(w);
		p += n;
		if (*p)
			p++;
	}
}

/* 1 when term i is searched for (positive and not a dropped stopword). */
static int term_positive(const struct query *q, size_t i)
{
	const struct term *t = &q->t[i];

	return !(t->flags & TERM_NEG) && !(q->drop_stop && (t->flags & TERM_STOP));
}

/* 1 when term k can be part of an unquoted run of words: plain, not
 * OR-joined with another term, and not a stopword at the run's start. */
static int joinable(const struct query *q, size_t k, int first)
{
	const struct term *t = &q->t[k];

	if ((t->flags & ~TERM_STOP) || (first && (t->flags & TERM_STOP)) ||
	    t->field != FIELD_ANY || t->nalt)
		return 0;
	for (size_t m = 0; m < q->n; m++)
		if (m != k && q->t[m].group == t->group)
			return 0;
	return 1;
}

/*
 * Unquoted words that together name a synonym ("treatment resistant
 * depression", "major depressive disorder") become one term: those words
 * (all of them, in any order) or any other name of the group ("TRD").
 * Longest runs first, up to four terms.
 */
static void join_synonym_words(struct query *q, const struct synonyms *syn)
{
	if (!syn)
		return;
	for (size_t k = 0; k < q->n; k++) {
		for (size_t w = 4; w >= 2; w--) {
			struct buf joined = BUF_INIT_MAX(LIMIT_QUERY_BYTES);
			const struct syn_group *g;
			size_t m;
			int ok = k + w <= q->n;

			for (m = k; ok && m < k + w; m++) {
				ok = joinable(q, m, m == k) && !(m == k + w - 1 && (q->t[m].flags & TERM_STOP));
				if (ok && ((joined.len && buf_addc(&joined, ' ') < 0) ||
				    buf_adds(&joined, q->t[m].tokens) < 0))
					ok = 0;
			}
			if (ok) {
				struct term t = q->t[k];
				char *key = xstrdup(joined.data);

				ascii_lower(key);
				if ((g = syn_find(syn, joined.data, key))) {
					t.alt = xcalloc(g->n, sizeof(*t.alt));
					t.nalt = 0;
					for (size_t j = 0; j < g->n; j++)
						if (strcmp(g->v[j].key, key))
							t.alt[t.nalt++] = xstrdup(g->v[j].tokens);
					free(t.tokens);
					t.tokens = buf_detach(&joined, NULL);
					t.flags = TERM_WORDS;
					for (m = k + 1; m < k + w; m++)
						term_release(&q->t[m]);
					q->t[k] = t;
					memmove(q->t + k + 1, q->t + k + w, (q->n - k - w) * sizeof(*q->t));
					q->n -= w - 1;
				}
				free(key);
			}
			buf_release(&joined);
			if (q->t[k].flags & TERM_WORDS)
				break;
		}
	}
}

struct query *query_parse(const char *text, const struct synonyms *syn)
{
	struct query *q = xcalloc(1, sizeof(*q));
	size_t len, i = 0, ngroups = 0, k, j;
	int pending_or = 0, pending_not = 0;
	size_t alloc = 0;

	if (!text)
		text = "";
	len = strnlen(text, LIMIT_QUERY_BYTES);
	while (i < len && q->n < LIMIT_QUERY_TERMS) {
		struct buf tok = BUF_INIT_MAX(LIMIT_QUERY_BYTES);
		enum field field = FIELD_ANY;
		unsigned flags = 0;
		size_t start, end, s, ntok;
		struct term *t;

		if ((s = item_sep_len(text + i, len - i))) {
			i += s;
			continue;
		}
		start = i;
		if (text[i] != '"') {
			/* An operator is a whole unquoted item. */
			end = i;
			while (end < len && !item_sep_len(text + end, len - end) &&
			       text[end] != '"')
				end++;
			if (word_is(text + i, end - i, "OR")) {
				if (q->n && !(q->t[q->n - 1].flags & TERM_NEG))
					pending_or = 1;
				i = end;
				continue;
			}
			if (word_is(text + i, end - i, "AND")) {
				pending_or = 0;
				i = end;
				continue;
			}
			if (word_is(text + i, end - i, "NOT")) {
				pending_not = 1;
				pending_or = 0;
				i = end;
				continue;
			}
		}
		while (i < len && text[i] == '-') {
			flags |= TERM_NEG;
			i++;
		}
		i += field_prefix(text + i, len - i, &field);
		if (i < len && text[i] == '"') {
			const char *close;
			flags |= TERM_QUOTED;
			start = ++i;
			close = memchr(text + i, '"', len - i);
			end = close ? (size_t)(close - text) : len;
			i = close ? end + 1 : len;
			if (i < len && text[i] == '*') {
				flags |= TERM_PREFIX;
				while (i < len && text[i] == '*')
					i++;
			}
		} else {
			start = i;
			while (i < len && !item_sep_len(text + i, len - i) &&
			       text[i] != '"')
				i++;
			end = i;
			if (end > start && text[end - 1] == '*') {
				flags |= TERM_PREFIX;
				while (end > start && text[end - 1] == '*')
					end--;
			}
		}
		ntok = tokenize(text + start, end - start, &tok);
		if (!ntok) {
			buf_release(&tok);
			continue;
		}
		if (pending_not)
			flags |= TERM_NEG;
		if (!(flags & (TERM_QUOTED | TERM_PREFIX)) && field == FIELD_ANY &&
		    ntok == 1 && is_stopword(tok.data))
			flags |= TERM_STOP;
		if (q->n == alloc) {
			alloc = alloc ? 2 * alloc : 8;
			q->t = xrealloc(q->t, alloc * sizeof(*q->t));
		}
		t = &q->t[q->n];
		memset(t, 0, sizeof(*t));
		t->tokens = buf_detach(&tok, NULL);
		t->flags = flags;
		t->field = field;
		if (flags & TERM_NEG)
			t->group = (size_t)-1;
		else if (pending_or && q->n && !(q->t[q->n - 1].flags & TERM_NEG))
			t->group = q->t[q->n - 1].group;
		else
			t->group = ngroups++;
		expand(t, syn);
		q->n++;
		pending_or = pending_not = 0;
	}
	join_synonym_words(q, syn);
	for (k = 0; k < q->n; k++)
		if (!(q->t[k].flags & (TERM_NEG | TERM_STOP)))
			q->drop_stop = 1;
	for (k = 0; k < q->n; k++) {
		if (!term_positive(q, k))
			continue;
		add_words(&q->words, q->t[k].tokens, !!(q->t[k].flags & TERM_PREFIX));
		for (j = 0; j < q->t[k].nalt; j++)
			add_words(&q->words, q->t[k].alt[j], 0);
	}
	return q;
}

/* ---- building ---- */

/* Appenders with a sticky error: after one fails, 'b' is not used. */
static void add(struct buf *b, int *err, const char *s)
{
	if (!*err && buf_adds(b, s) < 0)
		*err = 1;
}

static void put_string(struct buf *b, int *err, const char *tokens)
{
	const char *p;

	add(b, err, "\"");
	for (p = tokens; *p && !*err; p++) {
		if (*p == '"')
			add(b, err, "\"");
		if (!*err && buf_addc(b, *p) < 0)
			*err = 1;
	}
	add(b, err, "\"");
}

/* The words of 'tokens' one by one, joined by AND, or by OR leaving out
 * stopwords (the first word never is one). */
static void put_words(struct buf *b, int *err, const char *tokens, enum query_mode mode)
{
	for (const char *p = tokens; *p && !*err;) {
		size_t n = strcspn(p, " ");
		char *w = xstrndup(p, n);

		if (p == tokens || mode == QUERY_AND || !is_stopword(w)) {
			if (p != tokens)
				add(b, err, mode == QUERY_OR ? " OR " : " AND ");
			put_string(b, err, w);
		}
		free(w);
		p += n;
		while (*p == ' ')
			p++;
	}
}

static void put_term(struct buf *b, int *err, const struct term *t, enum query_mode mode)
{
	size_t k;

	if (t->flags & TERM_WORDS) {
		add(b, err, "((");
		put_words(b, err, t->tokens, mode);
		add(b, err, ")");
		for (k = 0; k < t->nalt; k++) {
			add(b, err, " OR ");
			put_string(b, err, t->alt[k]);
		}
		add(b, err, ")");
		return;
	}

	if (t->field == FIELD_MESH)
		add(b, err, "mesh : ");
	else if (t->field == FIELD_TITLE)
		add(b, err, "title : ");
	if (t->nalt)
		add(b, err, "(");
	put_string(b, err, t->tokens);
	if (t->flags & TERM_PREFIX)
		add(b, err, "*");
	for (k = 0; k < t->nalt; k++) {
		add(b, err, " OR ");
		put_string(b, err, t->alt[k]);
	}
	if (t->nalt)
		add(b, err, ")");
}

int query_is_empty(const struct query *q)
{
	size_t k;

	for (k = 0; k < q->n; k++)
		if (term_positive(q, k))
			return 0;
	return 1;
}

int query_build(const struct query *q, enum query_mode mode, struct buf *out)
{
	size_t k, nneg = 0, mark = out->len, prev_group = (size_t)-1;
	int open = 0, first = 1, err = 0;

	if (query_is_empty(q))
		return QUERY_EMPTY;
	for (k = 0; k < q->n; k++)
		if (q->t[k].flags & TERM_NEG)
			nneg++;
	if (nneg)
		add(out, &err, "(");
	for (k = 0; k < q->n; k++) {
		const struct term *t = &q->t[k];
		if (!term_positive(q, k))
			continue;
		if (mode == QUERY_OR) {
			if (!first)
				add(out, &err, " OR ");
		} else if (t->group != prev_group) {
			/* A new AND operand: open '(' when its group has more. */
			size_t m;
			int more = 0;
			if (open)
				add(out, &err, ")");
			if (!first)
				add(out, &err, " AND ");
			for (m = k + 1; m < q->n && q->t[m].group == t->group; m++)
				if (term_positive(q, m))
					more = 1;
			open = more;
			if (open)
				add(out, &err, "(");
		} else {
			add(out, &err, " OR ");
		}
		put_term(out, &err, t, mode);
		prev_group = t->group;
		first = 0;
	}
	if (open)
		add(out, &err, ")");
	if (nneg) {
		add(out, &err, ") NOT ");
		if (nneg > 1)
			add(out, &err, "(");
		first = 1;
		for (k = 0; k < q->n; k++) {
			if (!(q->t[k].flags & TERM_NEG))
				continue;
			if (!first)
				add(out, &err, " OR ");
			put_term(out, &err, &q->t[k], QUERY_OR);
			first = 0;
		}
		if (nneg > 1)
			add(out, &err, ")");
	}
	if (err) {
		buf_setlen(out, mark);
		return -1;
	}
	return 0;
}

const struct strlist *query_words(const struct query *q)
{
	return &q->words;
}

size_t query_nterms(const struct query *q)
{
	return q->n;
}
