-- Indicator aliases: the other names an indicator is known by in the files statisticians upload
-- (R&D经费, 高企, high-tech enterprises), kept in the catalogue so that an administrator can add one
-- without a release (GET/POST/DELETE /api/indicators/:code/aliases). An upload matches them after
-- the indicators' own names; an alias that another indicator's name or alias already has is refused
-- by the application (the comparison is by NFKC match key, which SQL cannot compute).

CREATE TABLE indicator_aliases (
  id             INTEGER PRIMARY KEY,
  indicator_code TEXT NOT NULL REFERENCES indicators (code),
  alias          TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 100),
  created_at     TEXT NOT NULL,
  -- 'seed', 'migration' or the administrator's user name
  created_by     TEXT NOT NULL,
  UNIQUE (indicator_code, alias)
) STRICT;
CREATE INDEX indicator_aliases_indicator ON indicator_aliases (indicator_code);

-- Databases seeded before: the aliases that were written into the parser until now, and the new
-- ones of seed/indicator_aliases.tsv. A fresh database has no indicators yet at this point and gets
-- them from the seed file.
WITH listed (indicator_code, alias) AS (VALUES
  ('rd_expenditure', 'R&D经费'),
  ('rd_expenditure', 'R&D经费内部支出'),
  ('rd_expenditure', 'R&D经费投入'),
  ('rd_expenditure', '研究与试验发展经费'),
  ('rd_expenditure', '研究与试验发展(R&D)经费'),
  ('rd_expenditure', '研发经费'),
  ('rd_expenditure', '研发经费支出'),
  ('rd_intensity', 'R&D投入强度'),
  ('rd_intensity', 'R&D经费强度'),
  ('rd_intensity', '研发投入强度'),
  ('rd_intensity', '研发经费投入强度'),
  ('rd_intensity', 'R&D经费占GDP比重'),
  ('gdp', '生产总值'),
  ('gdp', '地区生产总值(GDP)'),
  ('gdp', 'GRP'),
  ('tech_contract_turnover', '技术合同交易额'),
  ('tech_contract_turnover', '技术合同交易总额'),
  ('tech_contract_turnover', '技术合同成交金额'),
  ('tech_contract_turnover', '技术合同成交总额'),
  ('high_tech_firms', '高新技术企业'),
  ('high_tech_firms', '高新技术企业数量'),
  ('high_tech_firms', '国家高新技术企业数'),
  ('high_tech_firms', '高企'),
  ('high_tech_firms', '高企数量'),
  ('high_tech_firms', 'high-tech enterprises'),
  ('high_tech_firms', 'high-tech firms'),
  ('valid_invention_patents', '有效发明专利'),
  ('valid_invention_patents', '有效发明专利数'),
  ('valid_invention_patents', '有效发明专利量'),
  ('tech_sme_count', '科技型中小企业'),
  ('tech_sme_count', '科技型中小企业数量')
)
INSERT INTO indicator_aliases (indicator_code, alias, created_at, created_by)
SELECT l.indicator_code, l.alias, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'migration'
  FROM listed l JOIN indicators i ON i.code = l.indicator_code;

-- A preview row keeps the source of the figure it was compared with: a figure confirmed by a new
-- source is a correction (status changed), and the preview shows the old source beside the new.
ALTER TABLE import_rows ADD COLUMN old_source_title TEXT;
ALTER TABLE import_rows ADD COLUMN old_source_url TEXT;
