-- Merging organisations and people (registry/merge.h). Unlike a task, a merged organisation or
-- person is referred to by other records (a task's host or PI, a member, an affiliation): those
-- references move to the kept record so pages, search facets and totals follow it, and each
-- moved reference is written down so undoing the merge moves exactly those back. The merged
-- record itself is kept untouched apart from merged_into (its page redirects).
ALTER TABLE organisations ADD COLUMN merged_into BIGINT;
ALTER TABLE people ADD COLUMN merged_into BIGINT;

CREATE TABLE merge_moves (
  merge_id BIGINT NOT NULL REFERENCES merges (id),
  tbl TEXT NOT NULL,      -- tasks, people, organisations, task_members
  col TEXT NOT NULL,      -- host_id, pi_id, affiliation_id, parent_id, person_id
  row_key TEXT NOT NULL   -- the row: its id, or "task_id:ord" for task_members
);
CREATE INDEX merge_moves_merge ON merge_moves (merge_id);
