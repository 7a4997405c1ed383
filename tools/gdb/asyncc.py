# asyncc.py - gdb commands for programs built from asyncc's output.
#
#   (gdb) source PREFIX/share/asyncc/gdb/asyncc.py
#         (`pkg-config --variable=gdbscript asyncc` names it)
#   (gdb) ac tasks            every live task: function, .ca file:line where
#                             it is suspended, what it awaits
#   (gdb) ac bt [TASK]        async backtrace: the task, what it awaits down
#                             to the runtime operation, and the tasks awaiting
#                             it up to the root
#   (gdb) ac locals [TASK]    a task's locals by their names in the .ca file
#   (gdb) ac break FUNCTION   stop where each task of an async function
#                             starts its body (`break FUNCTION` stops only
#                             where a call makes a heap task)
#   (gdb) print *task         a struct ac_task is printed with what
#                             `ac tasks` says of it (print/r: raw)
#
# TASK is a number from `ac tasks` or an expression (an ac_task pointer, or a
# frame pointer such as F).  Without one, the task whose step function is
# running in the selected gdb frame (or the nearest caller that is one), else
# the task the runtime is stepping.
#
# Everything is read from memory and debug information, so the commands work
# on a core file as well as on a live process.  They follow the data that
# ac_task_dump() prints from (docs/abi.md): the frame header struct ac_task,
# its ac_fn_info (name, .ca file, .ca line of each resume state), and the
# runtime's roots of suspended chains (in ac__L the task being stepped, the
# timer heap and the lists of tasks parked on channels and other wait
# lists; the ready queue ac__readyq).  Without the runtime's debug information (a stripped
# libasyncc) `ac tasks` cannot find the roots; `ac bt` and `ac locals` still
# work from a step function's frame.
import re

import gdb

STARTED = 0x01
DONE = 0x02
CANCELLED = 0x08
VOID = 0x40  # AC_TASK_VOID: no result
SLEEPING = 0x1000  # AC__TASK_SLEEPING: `awaiting` is its struct ac__sleep
PARKED = 0x2000  # AC__TASK_PARKED: `awaiting` is its struct ac__waiter
QUEUED = 0x4000  # AC__TASK_QUEUED: `awaiting` links the ready queue
# What a waiter waits for, by its `kind` (AC__WAIT_* in asyncc.h).
WAIT_KINDS = [('ac_chan_send', 'sending on channel'),
              ('ac_chan_recv', 'receiving on channel'),
              ('ac_event_wait', 'waiting for event'),
              ('ac_sem_acquire', 'acquiring semaphore'),
              ('ac_mutex_lock', 'locking mutex'),
              ('ac_future_wait', 'waiting for future')]
STEP_SUFFIX = '__step'
# Temporaries asyncc makes up (ac_t0, ac_lit1, ...; a trailing _ when the
# input spells the name): not the user's locals.
TEMPORARY = re.compile(r'^ac_[a-z]+[0-9]+(_[0-9]+)?_*$')


def _type(name, block=None):
    try:
        return gdb.lookup_type(name, block) if block else gdb.lookup_type(name)
    except gdb.error:
        return None


def _task_ptr_type():
    return gdb.lookup_type('ac_task').pointer()


def _global(name):
    try:
        return gdb.parse_and_eval(name)
    except gdb.error:
        return None


def _addr(value):
    return int(value.cast(gdb.lookup_type('unsigned long')))


def _offset(struct_name, field):
    t = _type(struct_name)
    if t is None:
        return None
    for f in t.fields():
        if f.name == field:
            return f.bitpos // 8
    return None


def _container(ptr, struct_name, field):
    """The frame that holds *ptr as its `field`, as an ac_task pointer."""
    off = _offset(struct_name, field)
    if off is None:
        return None
    return gdb.Value(_addr(ptr) - off).cast(_task_ptr_type())


def _waiting_tasks(q, roots):
    """Appends the task of each waiter in the wait list *q to roots."""
    head_addr = _addr(q['head'].address)
    w = q['head']['next']
    while _addr(w) and _addr(w) != head_addr:
        waiter = w.cast(gdb.lookup_type('struct ac__waiter').pointer())
        if _addr(waiter['task']):
            roots.append(waiter['task'])
        w = w['next']


def _chan_of(q):
    """The ac_chan whose receivers' list is *q (an entry of `chans`)."""
    off = _offset('struct ac_chan', 'receivers')
    if off is None:
        return None
    return gdb.Value(_addr(q) - off).cast(
        gdb.lookup_type('struct ac_chan').pointer())


class Task:
    """A view of one frame through its struct ac_task header."""

    def __init__(self, ptr):
        self.ptr = ptr.cast(_task_ptr_type())
        self.t = self.ptr.dereference()

    @property
    def addr(self):
        return _addr(self.ptr)

    def info(self):
        return self.t['info'].dereference()

    @property
    def name(self):
        return self.info()['name'].string()

    @property
    def file(self):
        return self.info()['file'].string()

    @property
    def line(self):
        info = self.info()
        state, n = int(self.t['state']), int(info['nstates'])
        if info['state_lines'] and 0 <= state < n:
            return int(info['state_lines'][state])
        return int(info['line'])

    @property
    def flags(self):
        return int(self.t['flags'])

    def done(self):
        return bool(self.flags & DONE)

    def link(self, field):
        p = self.t[field]
        return Task(p) if _addr(p) else None

    def result_addr(self):
        """Where the result is (ac__result_of), or 0 for a void task."""
        flags = self.flags
        if flags & VOID:
            return 0
        shift = flags >> 24
        size = gdb.lookup_type('ac_task').sizeof
        return self.addr + ((1 << shift) if shift else size)

    def sleeping(self):
        """The timer of the slot it sleeps in (await ac_sleep), or None."""
        if not self.flags & SLEEPING:
            return None
        slot = self.t['awaiting'].cast(
            gdb.lookup_type('struct ac__sleep').pointer())
        return slot['u']['tm']

    def parked(self):
        """The struct ac__waiter it waits in a list through, or None."""
        if not self.flags & PARKED:
            return None
        return self.t['awaiting'].cast(
            gdb.lookup_type('struct ac__waiter').pointer())

    def awaiting(self):
        if self.flags & (SLEEPING | PARKED | QUEUED):
            return None
        a = self.link('awaiting')
        return a if a and not a.done() else None

    def waiter(self):
        """Whom this task's completion resumes (for a group's child link,
        the task waiting on the group)."""
        w = self.link('waiter')
        if w:
            return w
        if self.info_is('ac__group_child_info'):
            g = self.frame_as('struct ac__group_link')['g']
            if _addr(g) and _addr(g['waiter']):
                return Task(g['waiter'])
        return None

    def info_is(self, runtime_info):
        v = _global('&' + runtime_info)
        return v is not None and _addr(v) == _addr(self.t['info'])

    def frame_as(self, struct_name):
        return self.ptr.cast(gdb.lookup_type(struct_name).pointer()).dereference()

    def step_block(self):
        """The block of the step function, where the frame struct is."""
        try:
            return gdb.block_for_pc(_addr(self.t['step']))
        except (RuntimeError, gdb.error):
            return None

    def is_runtime(self):
        """One of the runtime's operations (ac_sleep, ac_gather...), whose
        info names no .ca file."""
        return self.file.startswith('<')

    def where(self):
        if self.is_runtime():
            return self.name
        return '%s (%s:%d)' % (self.name, self.file, self.line)

    def what(self, running):
        """What the task waits for, in ac_task_dump's words; a runtime
        operation it awaits is described in its line."""
        a = self.awaiting()
        if a is not None and a.is_runtime() and not self.is_runtime():
            return 'awaiting %s: %s' % (a.name, a.what(running))
        return self._what(running)

    def _what(self, running):
        if self.done():
            return 'done'
        if not self.flags & STARTED:
            return 'not started'
        if self.info_is('ac__sleep_info'):
            F = self.frame_as('struct ac_sleep__frame')
            if _addr(F['timer']['next']):
                return 'sleeping %d ms, due at %d ms' % (
                    int(F['ms']), _since_start(_timer_due(F['timer'])))
            return 'sleep over, queued'
        if self.info_is('ac__gather_info'):
            F = self.frame_as('struct ac_gather__frame')
            n = int(F['n'])
            left = sum(1 for i in range(n) if not Task(F['tasks'][i]).done())
            return 'gathering %d tasks, %d pending' % (n, left)
        if self.info_is('ac__yield_info'):
            return 'yielding'
        w = self.parked()
        if w is not None:
            return 'awaiting %s: %s' % (WAIT_KINDS[int(w['kind'])][0],
                                        _describe_waiter(w))
        tm = self.sleeping()
        if tm is not None:
            return 'awaiting ac_sleep: due at %d ms' % _since_start(_timer_due(tm))
        a = self.awaiting()
        if a:
            return 'awaiting ' + a.name
        if self.addr in running:
            return 'running'
        return 'ready'

    def describe(self, running):
        s = '%s %s' % (self.where(), self.what(running))
        if self.flags & CANCELLED:
            s += ' [cancelled]'
        return s


def _describe_waiter(w):
    """What a waiter still in its list waits for, as ac_task_dump says."""
    kind = int(w['kind'])
    s = '%s 0x%x' % (WAIT_KINDS[kind][1], _addr(w['obj']))
    if kind in (0, 1):
        c = w['obj'].cast(gdb.lookup_type('ac_chan').pointer())
        s += ' (%d of %d buffered%s)' % (int(c['count']), int(c['capacity']),
                                        ', closed' if int(c['closed']) else '')
    return s


def _loop():
    return _global('ac__L')


def _timer_due(tm):
    """When the armed timer `tm` is due: its bucket's deadline.  A timer
    holds none; the sentinel of its bucket's list (fire 0) is found by
    walking on, as ac__timer_due does."""
    if tm.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
        tm = tm.dereference()
    while int(tm['fire']) != 0:
        tm = tm['next'].dereference()
    bucket = gdb.lookup_type('struct ac__bucket')
    at = _addr(tm.address) - _offset('struct ac__bucket', 'head')
    return int(gdb.Value(at).cast(bucket.pointer()).dereference()['deadline'])


def _since_start(ms):
    """A time on the loop's clock as ac_task_dump prints it: ms since the
    runtime started (the virtual clock starts at 0)."""
    L, D = _loop(), _global('ac__D')
    try:
        if L is None or D is None or bool(L['virtual_clock']):
            return ms
        return max(ms - int(D['start']), 0)
    except gdb.error:
        return ms


def _running():
    """The tasks being stepped: the runtime's current one and every one
    whose step function is on the stack."""
    running = set()
    L = _loop()
    if L is not None and _addr(L['current']):
        running.add(_addr(L['current']))
    try:
        frame = gdb.newest_frame()
    except gdb.error:
        return running
    while frame is not None:
        t = _frame_task(frame)
        if t is not None:
            running.add(t.addr)
        frame = frame.older()
    return running


def _current():
    L = _loop()
    if L is None or not _addr(L['current']):
        return None
    return _addr(L['current'])


def _roots():
    """Where chains of tasks bottom out: the stack, then where
    ac_task_dump looks."""
    L = _loop()
    if L is None:
        raise gdb.GdbError('ac: no debug information for the runtime (ac__L); '
                           'use "ac bt" from a step function\'s frame')
    # the tasks whose step functions are on the stack, innermost first
    # (a task started by another's step runs before the runtime knows it)
    roots = []
    try:
        frame = gdb.newest_frame()
    except gdb.error:
        frame = None
    while frame is not None:
        t = _frame_task(frame)
        if t is not None:
            roots.append(t.ptr)
        frame = frame.older()
    if _addr(L['current']):
        roots.append(L['current'])
    ready = _global('ac__readyq')  # asyncc.h: the ready queue
    t = ready['head'] if ready is not None else None
    while t is not None and _addr(t):  # linked through `awaiting`
        roots.append(t)
        t = t['awaiting']
    queue_frame = _global('&ac__timer_queue_frame')
    for i in range(int(L['heap_len'])):
        head = L['heap'][i]['head']
        head_addr = _addr(head.address)
        tm = head['next']
        while _addr(tm) and _addr(tm) != head_addr:
            fire = int(tm['fire'])
            if fire & 1:
                roots.append(gdb.Value(fire - 1).cast(
                    gdb.lookup_type('ac_task').pointer()))
            elif queue_frame is not None and fire == _addr(queue_frame):
                t = _container(tm, 'struct ac_sleep__frame', 'timer')
                if t is not None:
                    roots.append(t)
            tm = tm['next']
    # channels, listed through their receivers' list from init to destroy
    # (their senders' list too), then the other wait lists, listed while
    # they have waiters
    q = L['chans']
    while _addr(q):
        _waiting_tasks(q, roots)
        chan = _chan_of(q)
        if chan is not None:
            _waiting_tasks(chan['senders'].address, roots)
        q = q['live_next']
    q = L['live']
    while _addr(q):
        _waiting_tasks(q, roots)
        q = q['live_next']
    return roots


def live_tasks():
    """Every live task, each chain from its root up through its waiters;
    a runtime operation only when no task awaits it."""
    seen, tasks = set(), []
    for r in _roots():
        t = Task(r)
        while t and not t.done() and t.addr not in seen:
            seen.add(t.addr)
            w = t.waiter()
            if not (t.is_runtime() and w is not None and not w.is_runtime()):
                tasks.append(t)
            t = w
    return tasks


def _frame_task(frame):
    """The task a step function's gdb frame is stepping, or None."""
    fn = frame.function()
    if fn is None or not fn.name.endswith(STEP_SUFFIX):
        return None
    try:
        block = frame.block()
    except RuntimeError:
        return None
    # the parameter is in the function's outermost block, the pc in the
    # body's (a nested {}) or deeper
    while block.function is None and block.superblock is not None:
        block = block.superblock
    for sym in block:
        if sym.is_argument:
            try:
                return Task(frame.read_var(sym))
            except (gdb.error, RuntimeError):
                return None
    return None


def _selected_step_frame():
    try:
        frame = gdb.selected_frame()
    except gdb.error:
        return None, None
    while frame is not None:
        t = _frame_task(frame)
        if t is not None:
            return t, frame
        frame = frame.older()
    return None, None


def _task_arg(arg):
    arg = arg.strip()
    if arg:
        if re.fullmatch(r'[0-9]+', arg):
            tasks = live_tasks()
            n = int(arg)
            if not 1 <= n <= len(tasks):
                raise gdb.GdbError('ac: no task %d (see "ac tasks")' % n)
            return tasks[n - 1], None
        return Task(gdb.parse_and_eval(arg)), None
    t, frame = _selected_step_frame()
    if t is not None:
        return t, frame
    cur = _current()
    if cur is not None:
        return Task(gdb.Value(cur)), None
    raise gdb.GdbError('ac: no task is running here; name one (see "ac tasks")')


class AcPrefix(gdb.Command):
    """asyncc: tasks, async backtraces and task locals.

ac tasks          list the live tasks
ac bt [TASK]      the chain of awaiting tasks
ac locals [TASK]  a task's locals by their .ca names
ac break FUNCTION stop where each task of FUNCTION starts
TASK: a number from "ac tasks", or an ac_task or frame pointer expression."""

    def __init__(self):
        super().__init__('ac', gdb.COMMAND_DATA, gdb.COMPLETE_NONE, True)

    def invoke(self, arg, from_tty):
        gdb.execute('help ac')


class AcTasks(gdb.Command):
    """List the live tasks: function, .ca file:line, what each awaits.
The line is where the task is suspended (or its function's, before it first
suspends); runtime operations are described in the line of their awaiter."""

    def __init__(self):
        super().__init__('ac tasks', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        tasks = live_tasks()
        running = _running()
        gdb.write('%d live tasks\n' % len(tasks))
        for i, t in enumerate(tasks, 1):
            gdb.write('%3d  %s  [%#x]\n' % (i, t.describe(running), t.addr))


class AcBacktrace(gdb.Command):
    """Async backtrace: the chain of tasks awaiting one another.
Usage: ac bt [TASK].  What TASK awaits, innermost first, then TASK, then the
tasks its completion resumes, up to the root."""

    def __init__(self):
        super().__init__('ac bt', gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        t, _ = _task_arg(arg)
        running = _running()
        inner = []
        a, seen = t.awaiting(), {t.addr}
        while a is not None and a.addr not in seen:
            seen.add(a.addr)
            inner.append(a)
            a = a.awaiting()
        chain = list(reversed(inner)) + [t]
        w = t.waiter()
        while w is not None and w.addr not in seen and not w.done():
            seen.add(w.addr)
            chain.append(w)
            w = w.waiter()
        for i, x in enumerate(chain):
            s = '%s %s' % (x.where(), x._what(running))
            if x.flags & CANCELLED:
                s += ' [cancelled]'
            gdb.write('#%-2d %s  [%#x]\n' % (i, s, x.addr))


def _fields(value):
    """(name, value) of a struct's members, in order, those of its
    anonymous structs and unions among them."""
    for f in value.type.strip_typedefs().fields():
        if f.name:
            yield f.name, value[f.name]
        elif f.type.strip_typedefs().code in (gdb.TYPE_CODE_STRUCT,
                                               gdb.TYPE_CODE_UNION):
            for m in _fields(value[f]):
                yield m


def _saved_table(task, block):
    """The frame's members that hold a local in each state, from the
    f__saved string asyncc emits next to the frame: a list per state of
    (member, .ca name); None for a frame without it."""
    try:
        sym = gdb.lookup_symbol('%s__saved' % task.name, block)[0]
        if sym is None:
            return None
        text = sym.value().string()
    except (gdb.error, RuntimeError, UnicodeDecodeError):
        return None
    return [[tuple(m.split('=', 1)) if '=' in m else (m, m)
             for m in state.split()] for state in text.split(';')]


def _frame_members(task):
    """(source name, frame field, value, the members it shares storage
    with when not known to hold the value) of the locals a frame holds in
    the task's state: those saved at the await it is suspended at (members
    of a union share storage: the others mean nothing there), with the
    arrays and locals whose address is taken in scope there."""
    block = task.step_block()
    ftype = _type('struct %s__frame' % task.name, block)
    if ftype is None:
        raise gdb.GdbError('ac: no debug information for struct %s__frame'
                           % task.name)
    frame = task.ptr.cast(ftype.pointer()).dereference()
    members = dict(_fields(frame))
    table = _saved_table(task, block)
    if table is not None:
        state = int(task.t['state'])
        saved = table[state] if 0 <= state < len(table) else []
        return [(source, field, members[field], []) for field, source in saved
                if field in members]
    return _frame_members_untabled(task, ftype, frame)


def _frame_members_untabled(task, ftype, frame):
    """For a frame from an asyncc without the f__saved table: all its
    members but the header, the result slot, the frames of awaited calls
    and asyncc's temporaries (a union's members all, though only one of
    them holds a value)."""
    fields = [(n, v) for n, v in _fields(frame)][1:]  # less the header
    result = task.result_addr()
    names = {n for n, _ in fields}
    out = []
    for i, (name, v) in enumerate(fields):
        if TEMPORARY.match(name):
            continue
        if result and _addr(v.address) == result:
            continue  # the result slot
        if (i == len(fields) - 1 and
                v.type.strip_typedefs().code == gdb.TYPE_CODE_UNION):
            continue  # the frames of awaited calls
        # a block's local that hides an outer one of the same name is
        # renamed x_2 in the frame
        m = re.fullmatch(r'(.*)_([0-9]+)', name)
        source = m.group(1) if m and m.group(1) in names else name
        out.append((source, name, v))
    shared = {}
    for _, name, v in out:
        shared.setdefault(_addr(v.address), []).append(name)
    return [(source, name, v, [o for o in shared[_addr(v.address)] if o != name])
            for source, name, v in out]


class AcLocals(gdb.Command):
    """Print a task's locals by their names in the .ca file.
Usage: ac locals [TASK].  In the task being stepped, the step function's C
locals hold the current values; for a suspended task, its frame does."""

    def __init__(self):
        super().__init__('ac locals', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        task, frame = _task_arg(arg)
        gdb.write('%s:\n' % task.where())
        members = _frame_members(task)
        saved = {}
        for source, field, v, shared in members:
            if not shared:
                saved.setdefault(source, (field, v))
        shown = set()
        for name, v in (_step_locals(task, frame) if frame is not None else []):
            shown.add(name)
            note = ''
            if name in saved and str(saved[name][1]) != str(v):
                # not restored yet, or changed since the last suspension
                note = '    (saved in the frame: %s)' % saved[name][1]
            gdb.write('  %s = %s%s\n' % (name, v, note))
        for source, field, v, shared in members:
            if source in shown:
                continue
            shown.add(source)
            note = '' if source == field else '    (frame member %s)' % field
            if shared:
                note += '    (shares storage with %s: one of them holds ' \
                    'nothing)' % ', '.join(shared)
            gdb.write('  %s = %s%s\n' % (source, v, note))


def _body_start(step):
    """The first line of an async function's body in its step function
    `step` (a symbol): the first .ca line of its code in address order
    (the dispatch switch and the parameters' loads before it are charged
    to the generated file)."""
    block = gdb.block_for_pc(int(step.value().address))
    while block.function is None and block.superblock is not None:
        block = block.superblock
    generated = step.symtab.filename
    pc = block.start
    while pc < block.end:
        sal = gdb.find_pc_line(pc)
        if sal.symtab is not None and sal.line and sal.symtab.filename != generated:
            return sal
        pc = sal.last + 1 if sal.last is not None and sal.last >= pc else pc + 1
    return None


class _StartBreakpoint(gdb.Breakpoint):
    """A breakpoint on the first line of an async function's body that
    stops in a task's first step only (its state 0), not when a later step
    comes back to that line (a loop, an await on it)."""

    def __init__(self, spec, name):
        super().__init__(spec)
        self.fn = name

    def stop(self):
        try:
            t = _frame_task(gdb.newest_frame())
            return (t is not None and t.name == self.fn and
                    int(t.t['state']) == 0)
        except (gdb.error, RuntimeError):
            return False


class AcBreak(gdb.Command):
    """Stop where each task of an async function starts.
Usage: ac break FUNCTION.  A breakpoint on the first line of FUNCTION's body
that stops in each task's first step, with its parameters set, however the
task was made: by an await (which fills a frame in the awaiting task's and
calls no function FUNCTION) or by a call FUNCTION(...) that makes a heap
task.  "break FUNCTION" stops at the latter only."""

    def __init__(self):
        super().__init__('ac break', gdb.COMMAND_BREAKPOINTS,
                         gdb.COMPLETE_SYMBOL)

    def invoke(self, arg, from_tty):
        name = arg.strip()
        if not re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', name):
            raise gdb.GdbError('ac break: name an async function')
        steps = list(gdb.lookup_static_symbols(name + STEP_SUFFIX))
        sym = gdb.lookup_global_symbol(name + STEP_SUFFIX)
        if sym is not None:
            steps.append(sym)
        if not steps:
            raise gdb.GdbError('ac break: no async function %s (no %s%s in '
                               'the debug information)' % (name, name, STEP_SUFFIX))
        for step in steps:
            sal = _body_start(step)
            if sal is None:
                raise gdb.GdbError('ac break: no .ca line in %s' % step.name)
            _StartBreakpoint('-source %s -line %d' % (sal.symtab.filename,
                                                     sal.line), name)


def _step_locals(task, frame):
    """(name, value) of the C locals in scope in a step function's frame,
    innermost first: the user's locals, less the frame pointer, the step's
    parameter and temporaries."""
    out, seen = [], set()
    block = frame.block()
    while block is not None:
        for sym in block:
            if not sym.is_variable or sym.is_argument or sym.name in seen:
                continue
            if TEMPORARY.match(sym.name):
                continue
            ty = sym.type.strip_typedefs()
            if (ty.code == gdb.TYPE_CODE_PTR and
                    ty.target().strip_typedefs().tag == task.name + '__frame'):
                continue  # the frame pointer, F
            seen.add(sym.name)
            out.append((sym.name, frame.read_var(sym, block)))
        if block.function is not None:
            break
        block = block.superblock
    return out


class TaskPrinter:
    """`print` of a struct ac_task (a frame's header): what `ac tasks` says
    of it, then its fields."""

    def __init__(self, val):
        self.val = val

    def to_string(self):
        try:
            return Task(self.val.address).describe(_running())
        except (gdb.error, gdb.MemoryError, RuntimeError, UnicodeDecodeError):
            return None  # not a live frame: the fields alone

    def children(self):
        for f in self.val.type.strip_typedefs().fields():
            yield f.name, self.val[f.name]


def _lookup_printer(val):
    t = val.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_STRUCT and t.tag == 'ac_task':
        return TaskPrinter(val)
    return None


AcPrefix()
AcTasks()
AcBacktrace()
AcLocals()
AcBreak()
gdb.pretty_printers.append(_lookup_printer)
