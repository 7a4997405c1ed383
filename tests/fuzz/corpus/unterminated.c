int f(void) {
  return "unterminated;
}
