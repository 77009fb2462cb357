import { Link } from 'react-router';
import { segment } from '../../api/client';
import { formatNumber, formatPercent, formatPriority } from '../../ui/format';
import { cellSummary, type CalendarGrid, type GridCell } from './plan-calendar';

/** The plan as a calendar: sites down, weeks across; each cell lists the orders inducted there. */
export function PlanCalendarTable({ grid }: { grid: CalendarGrid }) {
  return (
    <div className="table-wrap plan-calendar-wrap">
      <table className="plan-calendar" data-testid="plan-calendar">
        <caption className="sr-only">Work orders inducted per site (rows) and week (columns), with slots and hours used against capacity</caption>
        <thead>
          <tr>
            <th scope="col">site</th>
            {grid.columns.map((c) => <th key={c.week} scope="col" data-week={c.week}>{c.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.siteId} data-site={row.siteId}>
              <th scope="row">{row.siteId}<div className="small muted">{row.inducted} inducted</div></th>
              {row.cells.map((cell) => <Cell key={cell.week} cell={cell} />)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ cell }: { cell: GridCell }) {
  const summary = cellSummary(cell);
  return (
    <td className={`plan-cell${cell.overflow ? ' overflow' : ''}${cell.orders.length ? '' : ' idle'}`} data-testid="plan-cell" data-site={cell.siteId} data-week={cell.week} title={summary}>
      <div className="capacity" aria-label={`${cell.slotsUsed} of ${cell.slots} slots, ${formatNumber(cell.hoursUsed, 0)} of ${formatNumber(cell.hours, 0)} hours${cell.overflow ? ', over capacity' : ''}`}>
        <span className="capacity-bar"><span style={{ width: `${Math.min(100, cell.load * 100)}%` }} /></span>
        <span className="small">{cell.slotsUsed}/{cell.slots}</span>
        {cell.overflow ? <span className="badge tone-bad" data-testid="overflow">over by {Math.max(0, cell.slotsUsed - cell.slots) || 'hours'}</span> : null}
      </div>
      {cell.orders.length ? (
        <ul className="plain-list">
          {cell.orders.map((o) => (
            <li key={o.workOrderId} className={`plan-order risk-${o.tone}${o.movedFrom ? ' moved' : ''}`} data-work-order={o.workOrderId} data-asset={o.assetId}>
              <Link to={`/twins/${segment(o.assetId)}`}>{o.assetId}</Link> <span className="small">{o.kind}</span>
              <div className="small">
                {o.priority === undefined ? null : <span className="badge tone-neutral">{formatPriority(o.priority)}</span>}
                P(fail) {formatPercent(o.failureProbability)} · {o.weeksDown} wk{o.ferryDays ? ` · ferry ${o.ferryDays} d` : ''}
                {o.movedFrom ? <span className="badge tone-info" title="moved by the re-plan">from {o.movedFrom.siteId} W{o.movedFrom.week}</span> : null}
              </div>
              <div className="small muted mono" title={o.workOrderId}>{o.workOrderId.length > 12 ? `${o.workOrderId.slice(0, 8)}…` : o.workOrderId}</div>
            </li>
          ))}
        </ul>
      ) : null}
    </td>
  );
}
