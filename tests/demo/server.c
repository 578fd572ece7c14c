/*
 * server: a demo TCP server on 127.0.0.1.  Usage: server NAME PORT.
 * Answers every connection with "hello from NAME" and closes it; dies of
 * SIGTERM like most servers.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_in sa;
	char reply[128];
	int s, c, one = 1;

	if (argc != 3) {
		fputs("usage: server NAME PORT\n", stderr);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)atoi(argv[2]));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == -1 ||
	    bind(s, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(s, 16) == -1) {
		perror("server");
		return 1;
	}
	printf("%s listening on 127.0.0.1:%s\n", argv[1], argv[2]);
	fflush(stdout);
	snprintf(reply, sizeof(reply), "hello from %s\n", argv[1]);
	for (;;) {
		if ((c = accept(s, NULL, NULL)) == -1)
			continue;
		if (write(c, reply, strlen(reply)) == -1)
			perror("server: write");
		close(c);
	}
}
