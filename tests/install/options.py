#!/usr/bin/env python3
"""The options `asyncc --help`, the man page and docs/cli.md's table list
must be the same.  Usage: options.py ASYNCC MAN_PAGE CLI_MD"""
import re
import subprocess
import sys

asyncc, man_page, cli_md = sys.argv[1:4]
OPT = re.compile(r'(?<![\w=-])(--?[A-Za-z][\w-]*)')


def from_help():
    text = subprocess.run([asyncc, '--help'], check=True, capture_output=True,
                          text=True).stdout
    opts = set()
    for line in text.splitlines():
        if line.startswith('  -'):  # the option column, before the text
            opts |= set(OPT.findall(re.split(r'\s{2,}', line.strip())[0]))
    return opts


def from_man():
    text = subprocess.run(['man', '-l', man_page], check=True,
                          capture_output=True, text=True,
                          env={'MANWIDTH': '100', 'PATH': '/usr/bin:/bin'}).stdout
    text = text.replace('\u2212', '-').replace('\u2010', '-')
    section = text.split('\nOPTIONS\n', 1)[1].split('\nEXIT STATUS\n', 1)[0]
    opts = set()
    for line in section.splitlines():
        if re.match(r'^ {7}-', line):  # a tag, not an indented paragraph
            # a short tag shares its line with the text, after 2+ spaces
            opts |= set(OPT.findall(re.split(r'\s{2,}', line.strip())[0]))
    return opts


def from_cli_md():
    opts = set()
    for line in open(cli_md, encoding='utf-8'):
        m = re.match(r'^\| (`.*?) \|', line)
        if m and '`-' in m.group(1):
            for code in re.findall(r'`([^`]*)`', m.group(1)):
                opts |= set(OPT.findall(code))
    return opts


lists = {'asyncc --help': from_help(), 'asyncc.1': from_man(),
         'docs/cli.md': from_cli_md()}
every = set().union(*lists.values())
ok = True
for name, opts in lists.items():
    if not opts:
        print(f'{name}: no options found')
        ok = False
    missing = sorted(every - opts)
    if missing:
        print(f'{name} does not list: {" ".join(missing)}')
        ok = False
# ... and the environment variables
VAR = re.compile(r'\b(ASYNCC_[A-Z_]+|NO_COLOR)\b')
help_text = subprocess.run([asyncc, '--help'], check=True, capture_output=True,
                           text=True).stdout
man_text = subprocess.run(['man', '-l', man_page], check=True, capture_output=True,
                          text=True, env={'MANWIDTH': '100', 'PATH': '/usr/bin:/bin'}).stdout
md_text = open(cli_md, encoding='utf-8').read()
envs = {'asyncc --help': set(VAR.findall(help_text.split('\nEnvironment:\n', 1)[-1])),
        'asyncc.1': set(VAR.findall(man_text.split('\nENVIRONMENT\n', 1)[-1]
                                    .split('\nEXAMPLES\n', 1)[0])),
        'docs/cli.md': set(VAR.findall(md_text.split('\n## Environment\n', 1)[-1]
                                       .split('\n## ', 1)[0]))}
every_env = set().union(*envs.values())
for name, names in envs.items():
    missing = sorted(every_env - names)
    if missing:
        print(f'{name} does not list the environment variables: {" ".join(missing)}')
        ok = False
if not ok:
    sys.exit(1)
print(f'{len(every)} options, the same in --help, asyncc(1) and docs/cli.md; '
      f'{len(every_env)} environment variables too')
