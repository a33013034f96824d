-- Who marked a translation's newest version reviewed, and when: the admin screens show it
-- beside the translation so a draft nobody fluent has checked is plain to see.
alter table article_translation add column reviewed_by varchar(320);
alter table article_translation add column reviewed_at timestamp with time zone;
