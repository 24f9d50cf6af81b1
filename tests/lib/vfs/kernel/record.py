#!/usr/bin/env python3
"""Records what the Linux kernel answers to the operations of a .cases file.

Each case runs in a fresh directory that becomes the process's root (chroot), so `/` and `..` behave
as in an image. Lines before `as UID:GID:GROUP` run as root, the rest as that user. Every operation
line gets ` => <answer>` appended: `ok`, an errno name, or for stat/lstat the kind (stat as root also
gives the real path; lstat also the owner and the permission bits in octal). Needs root (chroot, setuid).

    python3 tests/lib/vfs/kernel/record.py tests/lib/vfs/kernel/paths.cases
"""
import errno, json, os, re, shutil, stat as S, sys, tempfile

def kind(st):
    return 'dir' if S.S_ISDIR(st.st_mode) else 'symlink' if S.S_ISLNK(st.st_mode) else 'file'

def real_path(st):
    for root, dirs, files in os.walk('/'):
        if os.lstat(root).st_ino == st.st_ino:
            return root
        for name in files:
            full = os.path.join(root, name)
            if os.lstat(full).st_ino == st.st_ino:
                return full
    return '?'

def write(p):
    os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644))

def read(p):
    fd = os.open(p, os.O_RDONLY)
    try:
        if S.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EISDIR, 'is a directory')
    finally:
        os.close(fd)

def execute(p):
    os.stat(p)
    if not os.access(p, os.X_OK):
        raise OSError(errno.EACCES, 'not executable')

def run(line, as_root):
    op, _, rest = line.partition(' ')
    if op == 'link':
        path, target = rest.split(' -> ', 1)
        return os.symlink(target, path)
    args = rest.split(' ')
    p = args[0]
    if op == 'stat':
        st = os.stat(p)
        return kind(st) + (' ' + real_path(st) if as_root else '')
    if op == 'lstat':
        st = os.lstat(p)
        return f'{kind(st)} {st.st_uid}:{st.st_gid} {S.S_IMODE(st.st_mode):o}'
    actions = {
        'dir': lambda: os.mkdir(p, 0o755), 'mkdir': lambda: os.mkdir(p, 0o755), 'file': lambda: write(p),
        'write': lambda: write(p), 'read': lambda: read(p), 'unlink': lambda: os.unlink(p),
        'rmdir': lambda: os.rmdir(p), 'listdir': lambda: os.listdir(p), 'exec': lambda: execute(p),
        'rename': lambda: os.rename(p, args[1]), 'chmod': lambda: os.chmod(p, int(args[1], 8)),
        'chown': lambda: os.chown(p, *map(int, args[1].split(':'))), 'chgrp': lambda: os.chown(p, -1, int(args[1])),
    }
    return actions[op]()

def answer(line, as_root):
    try:
        result = run(line, as_root)
        return result if isinstance(result, str) else 'ok'
    except OSError as e:
        return errno.errorcode[e.errno]

def record_case(lines, base):
    """Runs one case in a forked, chrooted child; returns the answer of each operation line."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.chroot(base)
        os.chdir('/')
        os.umask(0o022)
        answers, as_root = [], True
        for line in lines:
            if line.startswith('as '):
                uid, gid, group = map(int, line[3:].split(':'))
                os.setgroups([group]); os.setgid(gid); os.setuid(uid)
                as_root = False
            else:
                answers.append(answer(line, as_root))
        os.write(write_end, json.dumps(answers).encode())
        os._exit(0)
    os.close(write_end)
    data = b''
    while chunk := os.read(read_end, 65536):
        data += chunk
    os.close(read_end)
    os.waitpid(pid, 0)
    return json.loads(data)

def main(path):
    text = open(path).read()
    blocks = re.split(r'\n(?=## )', text.strip('\n'))
    out = []
    work = tempfile.mkdtemp()
    for n, block in enumerate(blocks):
        header, *lines = block.split('\n')
        ops = [l.split(' => ')[0] for l in lines if l.strip()]
        base = os.path.join(work, str(n))
        os.mkdir(base)
        answers = iter(record_case(ops, base))
        out.append(header)
        out.extend(l if l.startswith('as ') else f'{l} => {next(answers)}' for l in ops)
        out.append('')
    shutil.rmtree(work)
    open(path, 'w').write('\n'.join(out))

if __name__ == '__main__':
    main(sys.argv[1])
