/** Says once per run whether the PostgreSQL server run happens. */
export default function setup(): void {
  if (!process.env.TEST_DATABASE_URL) {
    console.log(
      '\n[rectify] TEST_DATABASE_URL is not set: database suites ran on PGlite only; skipped the PostgreSQL server run.\n',
    );
  } else {
    console.log(
      `\n[rectify] database suites run on PGlite and on ${redact(process.env.TEST_DATABASE_URL)}\n`,
    );
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(TEST_DATABASE_URL)';
  }
}
