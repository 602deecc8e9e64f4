/**
 * `npm run staff -- <command>`: staff accounts from the shell, on the database DATABASE_URL names.
 *
 *   create --username U --password P --role admin|department|child-director|supervisor|provider
 *          [--jurisdiction J] [--department D] [--community C]... [--street S] [--provider-kind counsellor|instructor] [--wechat W]
 *   list                        accounts (no passwords)
 *   deactivate --username U     ends the account's sessions and stops its sign-in
 *   policies                    the table of who may do what (Markdown)
 *
 * --community may be repeated or comma-separated. A department must be one the jurisdiction's
 * list names. Exit code 0 on success, 1 on a refusal (the reason on stderr), 2 on a usage error.
 */
import { parseArgs } from 'node:util'
import { bootstrap } from '../app/bootstrap'
import { silentLogger } from '../shared/logger'
import { isAppError } from '../shared/errors'
import { t } from '../shared/i18n'
import { createStaff, deactivateStaff, findStaffByUsername, listStaff, STAFF_ROLES, type StaffRole } from '../domain/staff/staff.service'
import { departmentsOfJurisdiction } from '../domain/tickets/tickets.service'
import { policyTableMarkdown } from '../domain/policies/policies'
import { hasJurisdiction } from '../content'

const USAGE = `usage:
  npm run staff -- create --username U --password P --role ${STAFF_ROLES.join('|')} [--jurisdiction J] [--department D] [--community C] [--street S] [--provider-kind counsellor|instructor] [--wechat W]
  npm run staff -- list
  npm run staff -- deactivate --username U
  npm run staff -- policies
`

function fail(message: string, code = 1): never {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n')
  process.exit(code)
}

// Output piped into a program that stops reading early (`| head -1`): stop quietly, no stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1))

const [command, ...rest] = process.argv.slice(2).filter((a) => a !== '--')
let values: Record<string, string | string[] | boolean | undefined>
try {
  values = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      jurisdiction: { type: 'string' },
      department: { type: 'string' },
      community: { type: 'string', multiple: true },
      street: { type: 'string' },
      'provider-kind': { type: 'string' },
      wechat: { type: 'string' },
    },
    strict: true,
  }).values
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`, 2)
}

if (command === 'policies') {
  process.stdout.write(policyTableMarkdown() + '\n')
  process.exit(0)
}
if (!command || !['create', 'list', 'deactivate'].includes(command)) fail(USAGE, 2)

const ctx = await bootstrap({ log: silentLogger })
try {
  if (command === 'create') {
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined)
    const role = str('role')
    if (!str('username') || !str('password') || !role) fail(`--username, --password and --role are required\n${USAGE}`, 2)
    if (!(STAFF_ROLES as readonly string[]).includes(role!)) fail(`--role must be one of ${STAFF_ROLES.join(', ')}`, 2)
    const jurisdiction = str('jurisdiction')
    if (jurisdiction && !hasJurisdiction(jurisdiction)) fail(`unknown jurisdiction "${jurisdiction}"`)
    const department = str('department')
    if (department && jurisdiction && !departmentsOfJurisdiction(jurisdiction).includes(department)) {
      fail(`"${department}" is not a department of ${jurisdiction}'s list. Its departments: ${departmentsOfJurisdiction(jurisdiction).join(', ')}`)
    }
    const communities = ((values.community as string[] | undefined) ?? []).flatMap((c) => c.split(/[,，]/)).map((c) => c.trim()).filter(Boolean)
    const staff = await createStaff(ctx, {
      username: str('username')!,
      password: str('password')!,
      role: role as StaffRole,
      jurisdiction,
      department,
      street: str('street'),
      communities,
      providerKind: str('provider-kind') as 'counsellor' | 'instructor' | undefined,
      wechatId: str('wechat'),
    })
    process.stdout.write(`created ${staff.role} "${staff.username}" (id ${staff.id})\n`)
    process.stdout.write(`next: with the service running (npm start), sign in at http://localhost:${ctx.config.PORT}/staff with this username and password\n`)
  } else if (command === 'list') {
    for (const s of await listStaff(ctx)) {
      const area = [s.jurisdiction, s.department, s.street, s.communities.join('、')].filter(Boolean).join(' / ')
      process.stdout.write(`${s.id}\t${s.username}\t${s.role}\t${area}\n`)
    }
  } else if (command === 'deactivate') {
    const username = typeof values.username === 'string' ? values.username : undefined
    if (!username) fail(`--username is required\n${USAGE}`, 2)
    const s = await findStaffByUsername(ctx, username!)
    if (!s) fail(`no account "${username}"`)
    await deactivateStaff(ctx, s!.id)
    process.stdout.write(`deactivated "${username}"\n`)
  }
} catch (e) {
  if (isAppError(e)) {
    const fields = e.fields?.map((f) => `  ${f.path}: ${t('zh-CN', f.message)}`).join('\n')
    await ctx.db.close()
    fail(`refused (${e.code}): ${e.message}${fields ? '\n' + fields : ''}`)
  }
  throw e
}
await ctx.db.close()
