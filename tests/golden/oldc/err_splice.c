/* A backslash-newline inside a name, then a missing semicolon. */
int lo\
ng_name(int x)
{
	re\
turn x
}
