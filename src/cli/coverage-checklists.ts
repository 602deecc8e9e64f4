/**
 * npm run coverage:checklists — for each city and county, the parent list's items it lacks or
 * narrows (compared by service key and content). Exit code 0; the report is information.
 *   --json   print the report as JSON
 */
import { coverageReport, formatCoverage } from '../domain/checklist/coverage'

const report = coverageReport()
process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : `${formatCoverage(report)}\n`)
