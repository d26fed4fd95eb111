/**
 * True while a process with this PID exists (signal 0 checks without sending anything). A PID
 * owned by another user counts as alive (EPERM).
 *
 * @example
 * if (pidAlive(child.pid)) process.kill(child.pid, 'SIGTERM');
 */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
