#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "log.h"
#include "text.h"

#define CONFIG_MAX_BYTES ((size_t)64 << 10)
#define CONFIG_MAX_KEYS 64

static struct { char *key, *value; } entries[CONFIG_MAX_KEYS];
static size_t nentries;
static int loaded;

static void config_free(void)
{
	for (size_t i = 0; i < nentries; i++) {
		free(entries[i].key);
		free(entries[i].value);
	}
	nentries = 0;
}

static void load(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct buf path = BUF_INIT, text = BUF_INIT_MAX(CONFIG_MAX_BYTES);
	FILE *f;
	char chunk[4096];
	size_t n;

	loaded = 1;
	if (xdg && *xdg == '/')
		buf_printf(&path, "%s/evidex/config", xdg);
	else if (home && *home)
		buf_printf(&path, "%s/.config/evidex/config", home);
	else
		return;
	if (!(f = fopen(path.data, "r"))) {
		buf_release(&path);
		return;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && buf_add(&text, chunk, n) == 0)
		;
	fclose(f);
	for (char *line = text.data; *line && nentries < CONFIG_MAX_KEYS;) {
		char *end = line + strcspn(line, "\n"), *eq, *hash;
		int last = !*end;

		*end = '\0';
		if ((hash = strchr(line, '#')))
			*hash = '\0';
		if ((eq = strchr(line, '='))) {
			char *key, *value;

			*eq = '\0';
			key = text_squeezed(line);
			value = text_squeezed(eq + 1);
			if (key && value) {
				entries[nentries].key = key;
				entries[nentries++].value = value;
			} else {
				free(key);
				free(value);
			}
		}
		if (last)
			break;
		line = end + 1;
	}
	if (nentries)
		atexit(config_free);
	buf_release(&path);
	buf_release(&text);
}

const char *config_get(const char *key, const char *env)
{
	const char *v = env ? getenv(env) : NULL;

	if (v && *v)
		return v;
	if (!loaded)
		load();
	for (size_t i = nentries; i-- > 0;)
		if (!strcmp(entries[i].key, key))
			return entries[i].value;
	return NULL;
}
