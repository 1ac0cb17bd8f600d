-- Every event of an item now has a history row; reasons and opinions can be long, so descriptions are text.
alter table item_history alter column description type text;
alter table item_history alter column document_number type text;
