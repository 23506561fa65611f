import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Space, Table } from 'antd';
import type { CombinedError } from 'urql';
import { errorMessage } from '../api/client';
import { auditActionLabel, nextBefore } from '../lib/audit';

/** One audit event as the audit queries (auditLog, roleGrantLog, brandLog) return it. */
export interface AuditEventRow {
  seq: string | number;
  at: string;
  actor: string;
  action: string;
  entityType?: string;
  entityId: string;
  detail: string;
}

interface Props {
  events: readonly AuditEventRow[];
  loading: boolean;
  error?: CombinedError;
  /** The page size the query asked for: a full page means older events may follow. */
  pageSize: number;
  /** The {@code before} cursor of the page shown (null: the newest page). */
  before: string | null;
  /** Shows another page: the newest (null) or the events older than the given seq. */
  onPage: (before: string | null) => void;
  /** Column titles where the log's entity and detail mean something specific (an account, its roles). */
  entityTitle?: string;
  detailTitle?: string;
  /** The detail in the reader's words where the log's details are codes (the grant log's role names). */
  renderDetail?: (detail: string) => ReactNode;
  /** Shows the entity's type before its id (logs that mix contests, submissions, accounts…). */
  showEntityType?: boolean;
  /** Filters shown above the table. */
  toolbar?: ReactNode;
  testId?: string;
}

/**
 * An append-only audit log, newest first, a page at a time (the API's {@code before: seq} paging): when, who, what
 * (the action in the reader's language), on what, details. Used by the contest's audit tab and the role grant log.
 */
export default function AuditEventsTable({ events, loading, error, pageSize, before, onPage, entityTitle, detailTitle, renderDetail, showEntityType, toolbar, testId }: Props) {
  const { t, i18n } = useTranslation();
  const older = nextBefore(events, pageSize);
  return (
    <div data-testid={testId}>
      {toolbar && <Space wrap style={{ marginBottom: 12 }}>{toolbar}</Space>}
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      <Table rowKey={(e) => String(e.seq)} loading={loading} dataSource={events as AuditEventRow[]} pagination={false} scroll={{ x: true }} size="small"
        columns={[
          { title: t('organizer.when'), render: (_, e) => <time dateTime={e.at}>{new Date(e.at).toLocaleString(i18n.language)}</time> },
          { title: t('organizer.actor'), dataIndex: 'actor' },
          { title: t('organizer.action'), render: (_, e) => <span data-testid="audit-action" title={e.action}>{auditActionLabel(t, e.action)}</span> },
          { title: entityTitle ?? t('organizer.entity'), render: (_, e) => (showEntityType && e.entityType ? `${auditEntityLabel(t, e.entityType)} ${e.entityId}` : e.entityId) },
          { title: detailTitle ?? t('organizer.detail'), render: (_, e) => (renderDetail ? renderDetail(e.detail) : e.detail) },
        ]} />
      <Space style={{ marginTop: 12 }}>
        {before && <Button onClick={() => onPage(null)}>{t('search.first')}</Button>}
        {older && <Button onClick={() => onPage(older)} data-testid="audit-older">{t('search.next')}</Button>}
      </Space>
    </div>
  );
}

function auditEntityLabel(t: TFunction, type: string): string {
  return t(`audit.entity.${type}`, { defaultValue: type });
}
