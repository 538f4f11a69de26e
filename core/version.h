#ifndef EVIDEX_VERSION_H
#define EVIDEX_VERSION_H

#define EVIDEX_VERSION "0.1.0"
/* Sent with every request: who we are and where to read about us. */
#define EVIDEX_USER_AGENT "evidex/" EVIDEX_VERSION " (+https://github.com/evidex/evidex)"
/* The product token robots.txt groups are matched against. */
#define EVIDEX_ROBOTS_TOKEN "evidex"

#endif
