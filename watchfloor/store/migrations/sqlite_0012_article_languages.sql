-- Every language is stored (issue 13): the article's detected language is in
-- articles.language (ISO 639-1, migration 0001). This index serves the counts by
-- language (store/sql_languages.py: the brief's "stored, not analysed") and the
-- substring search of unspaced scripts, which reads only the articles in those
-- languages (store/sql_articles.py: Chinese, Japanese, Thai).
CREATE INDEX articles_language ON articles (language);
